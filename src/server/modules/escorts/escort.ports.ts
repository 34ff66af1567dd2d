import type { AuditAction } from '../../../domain/audit-actions.js';
import { escortSteps, type EscortState, type EscortStep } from '../../../domain/escorts/escort-actions.js';
import { assertStepState } from '../../../domain/item-steps.js';
import type { Tx } from '../../db/client.js';
import type { EscortRow } from '../../db/schema.js';
import { stepSharedRow, type SharedRowInput } from '../correspondence/index.js';
import { findEscort } from './escorts.repository.js';

/** What every step on one escort is given. */
export interface EscortUseCaseInput extends SharedRowInput {
  escortId: string;
}

/** One side's row of an escort as its steps (`escortSteps`) see it. */
export function escortStateOf(row: EscortRow): EscortState {
  return { orgId: row.org_id, side: row.side, status: row.status };
}

/**
 * One step on the actor's organisation's row of an escort, in one transaction (`stepSharedRow`): another
 * organisation's escort is `escorts.not_found`; the step's action must be the actor's in the matrix and
 * the escort's side and status must take it (`escorts.invalid_state`) — the rule behind its `allowed` flag.
 */
export function stepEscort<T>(
  input: EscortUseCaseInput & { step: EscortStep; audit: AuditAction },
  step: (ctx: {
    tx: Tx;
    escort: EscortRow;
    now: Date;
  }) => Promise<{ value: T; details?: Record<string, unknown> }>,
): Promise<T> {
  return stepSharedRow(
    {
      ...input,
      action: escortSteps[input.step].action,
      resource: { type: 'escort', id: input.escortId, notFound: 'escorts.not_found' },
      load: (tx) => findEscort(tx, { orgId: input.actor.orgId, escortId: input.escortId, forUpdate: true }),
    },
    ({ tx, row, now }) => {
      assertStepState(escortSteps[input.step], escortStateOf(row));
      return step({ tx, escort: row, now });
    },
  );
}
