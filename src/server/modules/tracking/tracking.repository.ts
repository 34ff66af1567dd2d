import type { Insertable } from 'kysely';
import type { DbOrTx, Tx } from '../../db/client.js';
import type { TrackingCodeRequestsTable } from '../../db/schema.js';

/** A complainant's identifier as stored: a national ID, or a foreign national's passport number. */
export interface ComplainantIdentifier {
  column: 'national_id' | 'passport_number';
  value: string;
}

/**
 * The complaint case with this tracking code that has a complainant with this identifier, with its
 * station's name and that complainant's mobile; null when either does not match (one query, one answer for both).
 */
export async function findTrackedCase(db: DbOrTx, trackingCode: string, identifier: ComplainantIdentifier) {
  return (
    (await db
      .selectFrom('cases')
      .innerJoin('organisations', 'organisations.id', 'cases.org_id')
      .leftJoin('case_submissions', 'case_submissions.case_id', 'cases.id')
      .innerJoin('parties', (join) =>
        join
          .onRef('parties.case_id', '=', 'cases.id')
          .on('parties.role', '=', 'complainant')
          .on(`parties.${identifier.column}`, '=', identifier.value),
      )
      .select([
        'parties.mobile as complainant_mobile',
        'cases.id',
        'cases.org_id',
        'cases.case_number',
        'cases.status',
        'cases.created_at',
        'cases.sent_at',
        'cases.updated_at',
        'organisations.name_fa as station_name',
        'case_submissions.office_name',
        'case_submissions.answer',
        'case_submissions.answered_at',
        'case_submissions.file_number',
      ])
      .where('cases.tracking_code', '=', trackingCode)
      .where('cases.origin', '=', 'complaint')
      .orderBy('parties.created_at')
      .limit(1)
      .executeTakeFirst()) ?? null
  );
}

/** The deployment's key for the hints of unknown tracking codes (one row, made by migration 0042). */
export async function findHintKey(db: DbOrTx): Promise<string> {
  const row = await db.selectFrom('tracking_hint_key').select('key').executeTakeFirstOrThrow();
  return row.key;
}

/** Holds the case's row until the transaction ends, so that two requests for its code are counted in turn. */
export async function lockTrackedCase(tx: Tx, caseId: string): Promise<void> {
  await tx.selectFrom('cases').select('id').where('id', '=', caseId).forUpdate().execute();
}

/** Requests for a code since a moment: from one client address, or for one case (codes made only). */
export async function countCodeRequests(
  db: DbOrTx,
  by: { ip: string | null } | { caseId: string },
  since: Date,
): Promise<number> {
  let query = db
    .selectFrom('tracking_code_requests')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('requested_at', '>', since);
  query =
    'caseId' in by
      ? query.where('case_id', '=', by.caseId).where('code_hash', 'is not', null)
      : by.ip === null
        ? query.where('ip', 'is', null)
        : query.where('ip', '=', by.ip);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertCodeRequest(tx: Tx, row: Insertable<TrackingCodeRequestsTable>): Promise<void> {
  await tx.insertInto('tracking_code_requests').values(row).execute();
}

/** The case's newest code still valid at `now`, locked for its try; null when none. */
export async function findLiveCode(tx: Tx, caseId: string, now: Date) {
  return (
    (await tx
      .selectFrom('tracking_code_requests')
      .select(['id', 'code_hash', 'tries'])
      .where('case_id', '=', caseId)
      .where('code_hash', 'is not', null)
      .where('expires_at', '>', now)
      .orderBy('requested_at', 'desc')
      .limit(1)
      .forUpdate()
      .executeTakeFirst()) ?? null
  );
}

/** Counts one more try of a code. */
export async function addCodeTry(tx: Tx, id: string): Promise<void> {
  await tx
    .updateTable('tracking_code_requests')
    .set((eb) => ({ tries: eb('tries', '+', 1) }))
    .where('id', '=', id)
    .execute();
}
