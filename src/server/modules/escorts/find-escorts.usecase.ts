import type { Escort } from '../../../domain/escorts/escorts.schema.js';
import { assertCan, type Actor } from '../../../domain/permissions.js';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/audit.repository.js';
import { loadCaseFor } from '../cases/case-access.policy.js';
import { findEscorts, findOrganisationNames } from './escorts.repository.js';
import { presentEscort } from './escorts.presenter.js';

/**
 * The escorts of the actor's organisation — a station's requests, an escort unit's work — those still to
 * do first, soonest first; optionally only those of one case of the station's (another organisation's
 * case is `cases.not_found`). The reading is audited.
 */
export async function findEscortList(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  ip: string | null;
  caseId?: string | undefined;
}): Promise<Escort[]> {
  const { actor } = input;
  assertCan(actor, 'escort.read');
  const now = input.clock.now();
  return inTransaction(input.db, async (tx) => {
    if (input.caseId) await loadCaseFor({ db: tx, actor, caseId: input.caseId, action: 'escort.read' });
    const rows = await findEscorts(tx, { orgId: actor.orgId, caseId: input.caseId });
    const names = await findOrganisationNames(tx, [...new Set(rows.map((r) => r.peer_org))]);
    await recordAudit(tx, {
      action: 'escort.listed',
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      resourceType: input.caseId ? 'case' : 'organisation',
      resourceId: input.caseId ?? actor.orgId,
      orgId: actor.orgId,
      ip: input.ip,
      at: now,
      details: { count: rows.length },
    });
    return rows.map((r) => presentEscort(r, now, names.get(r.peer_org) ?? null));
  });
}
