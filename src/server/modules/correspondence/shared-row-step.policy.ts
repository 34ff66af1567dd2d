import type { AuditAction } from '../../../domain/audit-actions.js';
import { AppError, type ErrorCode } from '../../../domain/errors.js';
import { assertCan, type Action, type Actor } from '../../../domain/permissions.js';
import type { Db, Tx } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/index.js';
import type { Exchange } from '../exchange/index.js';

/** What every step on a row both sides keep (an order, an escort) is given. */
export interface SharedRowInput {
  db: Db;
  clock: Clock;
  actor: Actor;
  ip: string | null;
  exchange: Pick<Exchange, 'signer' | 'kick'>;
}

/**
 * One step on the actor's organisation's row of something both sides keep, in one transaction: the row
 * is loaded locked (`load`) and authorised for `action` — another organisation's row is `notFound`, never
 * forbidden — then `step` runs (changing the row and enqueueing the message that tells the other side),
 * and the audit entry is written. The delivery worker is woken after the commit.
 */
export async function stepSharedRow<R extends { org_id: string; case_ref: string }, T>(
  input: SharedRowInput & {
    action: Action;
    audit: AuditAction;
    resource: { type: 'order' | 'escort'; id: string; notFound: ErrorCode };
    load: (tx: Tx) => Promise<R | null>;
  },
  step: (ctx: { tx: Tx; row: R; now: Date }) => Promise<{ value: T; details?: Record<string, unknown> }>,
): Promise<T> {
  const { actor, resource } = input;
  const now = input.clock.now();
  const value = await inTransaction(input.db, async (tx) => {
    const row = await input.load(tx);
    if (!row) throw new AppError(resource.notFound);
    assertCan(actor, input.action, { orgId: row.org_id, notFound: resource.notFound });
    const done = await step({ tx, row, now });
    await recordAudit(tx, {
      action: input.audit,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      resourceType: resource.type,
      resourceId: resource.id,
      orgId: row.org_id,
      ip: input.ip,
      at: now,
      details: { caseRef: row.case_ref, ...done.details },
    });
    return done.value;
  });
  input.exchange.kick();
  return value;
}
