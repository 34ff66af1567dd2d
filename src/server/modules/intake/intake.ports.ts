import type { AuditAction } from '../../../domain/audit-actions.js';
import type { Action, Actor } from '../../../domain/permissions.js';
import type { Db, Tx } from '../../db/client.js';
import type { IntakeFileRow } from '../../db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Sender } from '../submission/sender.repository.js';
import { loadIntakeFor, loadIntakeWithSender } from './intake-access.policy.js';
import { inTransaction } from '../../db/transaction.js';

/** What every use case on one intake file is given. */
export interface IntakeUseCaseInput {
  db: Db;
  clock: Clock;
  actor: Actor;
  ip: string | null;
  intakeId: string;
}

/**
 * Reads or changes one intake file for an actor, in one transaction that also writes the audit entry:
 * the file is loaded (locked with `forUpdate`) and authorised for `action`, then `work` runs. With
 * `withSender`, the actor as the sender of a message from the office comes with the file (`sender`).
 */
export async function withIntakeFile<T>(
  input: IntakeUseCaseInput & {
    action: Action;
    audit: AuditAction;
    forUpdate?: boolean;
    withSender?: boolean;
  },
  work: (ctx: {
    tx: Tx;
    file: IntakeFileRow;
    now: Date;
    /** Null unless `withSender` asked for it. */
    sender: Sender | null;
  }) => Promise<{ value: T; details?: Record<string, unknown> }>,
): Promise<T> {
  const { actor } = input;
  const now = input.clock.now();
  return inTransaction(input.db, async (tx) => {
    const load = {
      db: tx,
      actor,
      intakeId: input.intakeId,
      action: input.action,
      forUpdate: input.forUpdate ?? false,
    };
    const { file, sender } = input.withSender
      ? await loadIntakeWithSender(load)
      : { file: await loadIntakeFor(load), sender: null };
    const { value, details } = await work({ tx, file, now, sender });
    await recordAudit(tx, {
      action: input.audit,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      resourceType: 'intake_file',
      resourceId: file.id,
      orgId: file.org_id,
      ip: input.ip,
      at: now,
      ...(details ? { details } : {}),
    });
    return value;
  });
}
