import type { DbOrTx } from '../../db/client.js';

/** A complainant's identifier as stored: a national ID, or a foreign national's passport number. */
export interface ComplainantIdentifier {
  column: 'national_id' | 'passport_number';
  value: string;
}

/**
 * The complaint case with this tracking code that has a complainant with this identifier, with its
 * station's name; null when either does not match (one query, one answer for both).
 */
export async function findTrackedCase(db: DbOrTx, trackingCode: string, identifier: ComplainantIdentifier) {
  return (
    (await db
      .selectFrom('cases')
      .innerJoin('organisations', 'organisations.id', 'cases.org_id')
      .leftJoin('case_submissions', 'case_submissions.case_id', 'cases.id')
      .select([
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
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('parties')
            .select('parties.id')
            .whereRef('parties.case_id', '=', 'cases.id')
            .where('parties.role', '=', 'complainant')
            .where(`parties.${identifier.column}`, '=', identifier.value),
        ),
      )
      .executeTakeFirst()) ?? null
  );
}
