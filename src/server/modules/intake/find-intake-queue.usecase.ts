import type { IntakeQueue, IntakeQueueQuery } from '../../../domain/intake/intake.schema.js';
import { encodeCursor } from '../../../domain/list-cursor.js';
import { assertCan, type Actor } from '../../../domain/permissions.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/index.js';
import { findIntakePage } from './intake-files.repository.js';
import { presentIntakeSummary } from './intake.presenter.js';
import { inTransaction } from '../../db/transaction.js';

/**
 * The office's intake queue: files under a running custody clock that are not yet decided first, with
 * their deadlines (nearest first), then the rest newest first; filtered by status, station, crime
 * category or custody; the next page from `cursor` (keyset). Audited as `intake.listed` with the ids shown.
 */
export async function findIntakeQueue(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  ip: string | null;
  query: IntakeQueueQuery;
}): Promise<IntakeQueue> {
  const { actor, query } = input;
  assertCan(actor, 'intake.read');
  const now = input.clock.now();
  return inTransaction(input.db, async (tx) => {
    const { rows, next } = await findIntakePage(tx, { orgId: actor.orgId, query });
    await recordAudit(tx, {
      action: 'intake.listed',
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      resourceType: 'intake_file',
      resourceId: null,
      orgId: actor.orgId,
      ip: input.ip,
      at: now,
      details: { pageSize: query.pageSize, intakeIds: rows.map((r) => r.id) },
    });
    return {
      next: next ? encodeCursor(next) : null,
      items: rows.map((r) => presentIntakeSummary(r, now, actor)),
    };
  });
}
