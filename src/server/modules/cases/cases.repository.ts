import { sql, type ExpressionBuilder, type SelectQueryBuilder, type Updateable } from 'kysely';
import type { CaseCursor, CaseQueue } from '../../../domain/cases/case.schema.js';
import { caseSearchKey, type CaseQuery } from '../../../domain/cases/search-key.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { writeBehind } from '../../db/write-behind.js';
import type { CaseRow, CasesTable, Database, NewCase } from '../../db/schema.js';

/** A case by id (locked for the transaction with `forUpdate`), or null. */
export async function findCase(
  db: DbOrTx,
  caseId: string,
  options: { forUpdate?: boolean } = {},
): Promise<CaseRow | null> {
  let query = db.selectFrom('cases').selectAll().where('id', '=', caseId);
  if (options.forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst()) ?? null;
}

/**
 * The next sequence number of a station's cases in a Jalali year. One upsert: the first case of the
 * year inserts the counter, every later one increments it; the row lock taken by the upsert holds
 * other openers of the same station back until this transaction ends, so numbers never repeat or skip.
 */
export async function allocateCaseSeq(tx: Tx, orgId: string, year: number): Promise<number> {
  const row = await tx
    .insertInto('case_counters')
    .values({ org_id: orgId, year, last_seq: 1 })
    .onConflict((oc) =>
      oc
        .columns(['org_id', 'year'])
        .doUpdateSet((eb) => ({ last_seq: eb('case_counters.last_seq', '+', 1) })),
    )
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return row.last_seq;
}

/** Is this tracking code already given to a case? */
export async function isTrackingCodeTaken(db: DbOrTx, trackingCode: string): Promise<boolean> {
  return (
    (await db
      .selectFrom('cases')
      .select('id')
      .where('tracking_code', '=', trackingCode)
      .executeTakeFirst()) !== undefined
  );
}

/** The name a user signs with (the "changed by" of a refused concurrent save), or null for an unknown id. */
export async function findUserDisplayName(db: DbOrTx, userId: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return row?.display_name ?? null;
}

/** Inserts a new case and returns its row. */
export async function insertCase(tx: Tx, values: NewCase): Promise<CaseRow> {
  return tx.insertInto('cases').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Changes columns of a case and returns the row as it now is. */
export async function updateCase(tx: Tx, caseId: string, changes: Updateable<CasesTable>): Promise<CaseRow> {
  return tx
    .updateTable('cases')
    .set(changes)
    .where('id', '=', caseId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Changes a case without reading it back: the write travels with the transaction's next statement. */
export async function setCaseFields(tx: Tx, caseId: string, changes: Updateable<CasesTable>): Promise<void> {
  await writeBehind(tx, tx.updateTable('cases').set(changes).where('id', '=', caseId));
}

/** Rebuilds a case's search key from its numbers and its parties as they now are. */
export async function refreshCaseSearchKey(
  tx: Tx,
  row: Pick<CaseRow, 'id' | 'case_number' | 'tracking_code'>,
): Promise<void> {
  const parties = await tx
    .selectFrom('parties')
    .select(['first_name', 'last_name', 'father_name', 'national_id', 'passport_number'])
    .where('case_id', '=', row.id)
    .orderBy('created_at')
    .execute();
  const key = caseSearchKey({
    caseNumber: row.case_number,
    trackingCode: row.tracking_code,
    parties: parties.map((p) => ({
      firstName: p.first_name,
      lastName: p.last_name,
      fatherName: p.father_name,
      nationalId: p.national_id,
      passportNumber: p.passport_number,
    })),
  });
  await tx.updateTable('cases').set({ search_key: key }).where('id', '=', row.id).execute();
}

/** How close a search must be to count as a match (pg_trgm word similarity, 0–1). */
const WORD_SIMILARITY_THRESHOLD = 0.3;

/** The filters of a case list, each one where-clause on `cases` (more filters: more clauses here). */
export interface CaseFilters {
  status?: string | undefined;
  inCustody?: boolean | undefined;
  /** A job's queue; the officer's two are the reader's own cases (`userId`). */
  queue?: { name: CaseQueue; userId: string } | undefined;
  from?: string | undefined;
  to?: string | undefined;
  crimeCategory?: string | undefined;
  /** The user who opened the case. */
  officer?: string | undefined;
}

type CasesQuery = SelectQueryBuilder<Database, 'cases', object>;

function applyCaseFilters(query: CasesQuery, filters: CaseFilters): CasesQuery {
  let q = query;
  if (filters.status) q = q.where('status', '=', filters.status);
  if (filters.queue) q = applyQueue(q, filters.queue.name, filters.queue.userId);
  if (filters.from) q = q.where('created_at', '>=', new Date(filters.from));
  if (filters.to) q = q.where('created_at', '<', new Date(filters.to));
  if (filters.crimeCategory) q = q.where('crime_category_code', '=', filters.crimeCategory);
  if (filters.officer) q = q.where('created_by', '=', filters.officer);
  if (filters.inCustody !== undefined) {
    const running = (eb: ExpressionBuilder<Database, 'cases'>) =>
      eb.exists(
        eb
          .selectFrom('custody_records')
          .select('custody_records.id')
          .whereRef('custody_records.case_id', '=', 'cases.id')
          .where('custody_records.ended_at', 'is', null),
      );
    q = q.where((eb) => (filters.inCustody ? running(eb) : eb.not(running(eb))));
  }
  return q;
}

/** The rows of a job's queue (`caseQueues`), each in the shape of an index of migrations 0016 and 0035. */
function applyQueue(query: CasesQuery, queue: CaseQueue, userId: string): CasesQuery {
  switch (queue) {
    case 'awaiting_approval':
      return query.where('status', '=', 'awaiting_approval');
    case 'returned_to_me':
      return query
        .where('created_by', '=', userId)
        .where('returned_at', 'is not', null)
        .where('status', '=', 'draft');
    case 'returned_by_office':
      return query.where('created_by', '=', userId).where('status', '=', 'returned');
  }
}

/** Cases holding an identifier exactly, through the B-trees of migration 0016 (never the trigram index). */
function applyIdentifier(query: CasesQuery, orgId: string, search: CaseQuery): CasesQuery {
  switch (search.kind) {
    case 'nationalId':
      return query.where((eb) =>
        eb(
          'cases.id',
          'in',
          eb
            .selectFrom('parties')
            .select('parties.case_id')
            .where('parties.org_id', '=', orgId)
            .where((p) =>
              p.or([
                p('parties.national_id', '=', search.value),
                p('parties.passport_number', '=', search.value),
              ]),
            ),
        ),
      );
    case 'caseNumber':
      return query.where('case_number', '=', search.value);
    case 'trackingCode':
      return query.where('tracking_code', '=', search.value);
    case 'digits':
      return query.where('search_key', 'like', `%${search.key}%`);
    case 'name':
      return query;
  }
}

export interface CasePage {
  rows: CaseRow[];
  next: CaseCursor | null;
}

/**
 * A page of an organisation's cases, read by keyset (decision 0010): no OFFSET, no count. Without a query
 * or with an identifier: newest first, from `cursor` (`[createdAt, id]`). With a name (see `caseQuery`):
 * cases whose search key contains it or holds a word close to it (trigram word similarity, so a one-letter
 * slip still matches), best match first (`[strict similarity, similarity, createdAt, id]`). Every form
 * is one statement on an index that leads with the organisation; `pageSize + 1` rows say whether there is
 * a next page.
 */
export async function findCasePage(
  tx: Tx,
  input: {
    orgId: string;
    query: CaseQuery | null;
    filters: CaseFilters;
    cursor?: CaseCursor | undefined;
    /** Newest first unless `oldest` (a name search is always best match first). */
    sort?: 'newest' | 'oldest' | undefined;
    pageSize: number;
  },
): Promise<CasePage> {
  const { query: search, cursor } = input;
  let base = applyCaseFilters(tx.selectFrom('cases').where('org_id', '=', input.orgId), input.filters);
  if (search && search.kind === 'name') {
    const { key } = search;
    const pattern = `%${key.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // set_config(…, true) is SET LOCAL: the threshold of `<%`, for this transaction only.
    await writeBehind(
      tx,
      sql`select set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY_THRESHOLD)}, true)`,
    );
    const strict = sql<number>`strict_word_similarity(${key}, search_key)`;
    const loose = sql<number>`word_similarity(${key}, search_key)`;
    base = base.where((eb) => eb.or([eb('search_key', 'like', pattern), sql<boolean>`${key} <% search_key`]));
    if (cursor?.length === 4) {
      const [s1, s2, at, id] = cursor;
      base = base.where(
        sql<boolean>`(${strict}, ${loose}, created_at, id) < (${s1}::real, ${s2}::real, ${at}::timestamptz, ${id}::uuid)`,
      );
    }
    const rows = await base
      .selectAll()
      .select([
        strict.as('rank_strict'),
        loose.as('rank_loose'),
        sql<string>`created_at::text`.as('cursor_at'),
      ])
      .orderBy(strict, 'desc')
      .orderBy(loose, 'desc')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(input.pageSize + 1)
      .execute();
    return pageOfRows(rows, input.pageSize, (r) => [r.rank_strict, r.rank_loose, r.cursor_at, r.id]);
  }
  if (search) base = applyIdentifier(base, input.orgId, search);
  const oldest = input.sort === 'oldest';
  if (cursor?.length === 2) {
    const [at, id] = cursor;
    base = base.where(
      oldest
        ? sql<boolean>`(created_at, id) > (${at}::timestamptz, ${id}::uuid)`
        : sql<boolean>`(created_at, id) < (${at}::timestamptz, ${id}::uuid)`,
    );
  }
  const direction = oldest ? 'asc' : 'desc';
  const rows = await base
    .selectAll()
    .select(sql<string>`created_at::text`.as('cursor_at'))
    .orderBy('created_at', direction)
    .orderBy('id', direction)
    .limit(input.pageSize + 1)
    .execute();
  return pageOfRows(rows, input.pageSize, (r) => [r.cursor_at, r.id]);
}

function pageOfRows<R extends CaseRow>(rows: R[], pageSize: number, keyOf: (row: R) => CaseCursor): CasePage {
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return { rows: page, next: rows.length > pageSize && last ? keyOf(last) : null };
}

/** A case's timeline, oldest first. */
export async function findCaseEvents(db: DbOrTx, caseId: string) {
  return db
    .selectFrom('case_events')
    .select(['at', 'type', 'actor_user_id', 'details'])
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
}
