import { sql, type ExpressionBuilder, type Updateable } from 'kysely';
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

/**
 * A page of an organisation's cases. Without a query: newest first. With one (see `caseQuery`):
 * cases whose search key contains the query's key, or — for a fuzzy query — holds a word close to it
 * (trigram word similarity, so a one-letter slip still matches); best match first. Both conditions
 * can use the GIN trigram index.
 */
export async function findCasePage(
  tx: Tx,
  input: {
    orgId: string;
    query: CaseQuery | null;
    status?: string | undefined;
    inCustody?: boolean | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ rows: CaseRow[]; total: number }> {
  let matching = tx.selectFrom('cases').where('org_id', '=', input.orgId);
  if (input.status) matching = matching.where('status', '=', input.status);
  if (input.inCustody !== undefined) {
    const running = (eb: ExpressionBuilder<Database, 'cases'>) =>
      eb.exists(
        eb
          .selectFrom('custody_records')
          .select('custody_records.id')
          .whereRef('custody_records.case_id', '=', 'cases.id')
          .where('custody_records.ended_at', 'is', null),
      );
    matching = matching.where((eb) => (input.inCustody ? running(eb) : eb.not(running(eb))));
  }
  let ordered = matching;
  const { query } = input;
  if (query) {
    const { key } = query;
    const pattern = `%${key.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    if (query.fuzzy) {
      // set_config(…, true) is SET LOCAL: the threshold of `<%`, for this transaction only.
      await sql`select set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY_THRESHOLD)}, true)`.execute(
        tx,
      );
      matching = matching.where((eb) =>
        eb.or([eb('search_key', 'like', pattern), sql<boolean>`${key} <% search_key`]),
      );
    } else {
      matching = matching.where('search_key', 'like', pattern);
    }
    // A whole word that matches beats a word that merely starts with it, which beats a near miss.
    ordered = matching
      .orderBy(sql`strict_word_similarity(${key}, search_key)`, 'desc')
      .orderBy(sql`word_similarity(${key}, search_key)`, 'desc');
  }
  const [rows, total] = await Promise.all([
    ordered
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('seq', 'desc')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    matching.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
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
