import type { CaseList, FindCasesQuery } from '../../../domain/cases/case.schema.js';
import { caseQuery } from '../../../domain/cases/search-key.js';
import { encodeCursor } from '../../../domain/list-cursor.js';
import { assertCan, type Actor } from '../../../domain/permissions.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/index.js';
import { presentCaseSummary } from './case.presenter.js';
import { findCasePage } from './cases.repository.js';
import { findRunningCustodyStartByCase } from './custody.repository.js';
import { findPartyNamesByCase } from './parties.repository.js';
import { inTransaction } from '../../db/transaction.js';

/**
 * A page of the actor's station's cases: all of them newest (or oldest) first, or those matching `q` (case
 * number, tracking code, national ID, name — any spelling variant, a letter off) best match first; narrowed by
 * status, a job's queue (the chief's awaiting approval, the officer's own returned files), a period of opening,
 * a crime category and the officer who opened them;
 * the next page from `cursor` (keyset, decision 0010), with no count of every match.
 * Audited as `case.searched` or `case.listed` with the ids shown; the query itself is not kept,
 * as it is usually somebody's name or national ID.
 */
export async function findCases(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  ip: string | null;
  query: FindCasesQuery;
}): Promise<CaseList> {
  const { db, actor, query } = input;
  assertCan(actor, 'case.search');
  const search = query.q ? caseQuery(query.q) : null;
  const now = input.clock.now();
  return inTransaction(db, async (tx) => {
    const { rows, next } = await findCasePage(tx, {
      orgId: actor.orgId,
      query: search,
      filters: {
        status: query.status,
        inCustody: query.inCustody,
        queue: query.queue ? { name: query.queue, userId: actor.userId } : undefined,
        from: query.from,
        to: query.to,
        crimeCategory: query.crimeCategory,
        officer: query.officer,
      },
      cursor: query.cursor,
      sort: query.sort,
      pageSize: query.pageSize,
    });
    const ids = rows.map((r) => r.id);
    const [names, custodySince] = await Promise.all([
      findPartyNamesByCase(tx, ids),
      findRunningCustodyStartByCase(tx, ids),
    ]);
    await recordAudit(tx, {
      action: search ? 'case.searched' : 'case.listed',
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      resourceType: 'case',
      resourceId: null,
      orgId: actor.orgId,
      ip: input.ip,
      at: now,
      details: { pageSize: query.pageSize, caseIds: ids },
    });
    return {
      next: next ? encodeCursor(next) : null,
      items: rows.map((r) =>
        presentCaseSummary(r, {
          partyNames: names.get(r.id) ?? [],
          runningCustodySince: custodySince.get(r.id) ?? null,
          actor,
        }),
      ),
    };
  });
}
