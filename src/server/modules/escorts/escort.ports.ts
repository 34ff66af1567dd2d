import type { AuditAction } from '../../../domain/audit-actions.js';
import { AppError } from '../../../domain/errors.js';
import type { EscortStatus } from '../../../domain/escorts/escort-kinds.js';
import type { Action } from '../../../domain/permissions.js';
import type { Tx } from '../../db/client.js';
import type { EscortRow } from '../../db/schema.js';
import { stepSharedRow, type SharedRowInput } from '../exchange/shared-row-step.js';
import { findEscort } from './escorts.repository.js';

/** What every step on one escort is given. */
export interface EscortUseCaseInput extends SharedRowInput {
  escortId: string;
}

/**
 * One step on the actor's organisation's row of an escort, in one transaction (`stepSharedRow`): another
 * organisation's escort is `escorts.not_found`.
 */
export function stepEscort<T>(
  input: EscortUseCaseInput & { action: Action; audit: AuditAction },
  step: (ctx: {
    tx: Tx;
    escort: EscortRow;
    now: Date;
  }) => Promise<{ value: T; details?: Record<string, unknown> }>,
): Promise<T> {
  return stepSharedRow(
    {
      ...input,
      resource: { type: 'escort', id: input.escortId, notFound: 'escorts.not_found' },
      load: (tx) => findEscort(tx, { orgId: input.actor.orgId, escortId: input.escortId, forUpdate: true }),
    },
    ({ tx, row, now }) => step({ tx, escort: row, now }),
  );
}

/** Throws `escorts.invalid_state` unless the escort is in one of `allowed`. */
export function assertEscortStatus(escort: EscortRow, allowed: readonly EscortStatus[]): void {
  if (!allowed.includes(escort.status))
    throw new AppError('escorts.invalid_state', { details: { status: escort.status } });
}
