import type { ExpressionBuilder, QueryCreator, Selection } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DbOrTx } from '../../db/client.js';
import { withDates } from '../../db/json-rows.js';
import type { CaseRow, CustodyRow, Database, PartyRow } from '../../db/schema.js';
import { custodyOfCaseQuery } from './custody.repository.js';
import { partiesOfCaseQuery } from './parties.repository.js';

/** A document's metadata as the case file lists it (the bytes stay in the blob store). */
export interface CaseDocumentRow {
  id: string;
  name: string;
  kind: string;
  media_type: string;
  size: number;
  sha256: string;
  uploaded_at: Date;
}

/** A case with everything in it: what the detail view and the readiness check read. */
export interface CaseFile {
  row: CaseRow;
  parties: PartyRow[];
  custody: CustodyRow[];
  documents: CaseDocumentRow[];
}

/** The documents of a case, in the order they were uploaded: a query to run, or to nest. */
function documentsOfCaseQuery(db: Pick<QueryCreator<Database>, 'selectFrom'>, caseId: string) {
  return db
    .selectFrom('case_documents')
    .select(['id', 'name', 'kind', 'media_type', 'size', 'sha256', 'uploaded_at'])
    .where('case_id', '=', caseId)
    .orderBy('uploaded_at')
    .orderBy('id');
}

/** The documents of a case, in the order they were uploaded. */
export async function findDocumentsOfCase(db: DbOrTx, caseId: string): Promise<CaseDocumentRow[]> {
  return documentsOfCaseQuery(db, caseId).execute();
}

/**
 * The parties, custody and documents of a case as three columns of nested JSON: selected on their own
 * (`loadCaseFile`) or beside other columns of one statement; `caseFileOf` reads them back.
 */
export function caseFileColumns(eb: ExpressionBuilder<Database, never>, caseId: string) {
  return [
    jsonArrayFrom(partiesOfCaseQuery(eb, caseId)).as('parties'),
    jsonArrayFrom(custodyOfCaseQuery(eb, caseId)).as('custody'),
    jsonArrayFrom(documentsOfCaseQuery(eb, caseId)).as('documents'),
  ] as const;
}

/** The case file of a row, from the columns `caseFileColumns` selected. */
export function caseFileOf(
  row: CaseRow,
  lists: Selection<Database, never, ReturnType<typeof caseFileColumns>[number]>,
): CaseFile {
  return {
    row,
    parties: lists.parties.map((p) =>
      withDates<PartyRow, 'created_at' | 'updated_at'>(p, ['created_at', 'updated_at']),
    ),
    custody: lists.custody.map((c) =>
      withDates<CustodyRow, 'started_at' | 'ended_at' | 'created_at'>(c, [
        'started_at',
        'ended_at',
        'created_at',
      ]),
    ),
    documents: lists.documents.map((d) => withDates<CaseDocumentRow, 'uploaded_at'>(d, ['uploaded_at'])),
  };
}

/**
 * Loads the parties, custody and documents of a case already loaded (and authorised), in one
 * statement (three lists nested as JSON: one round trip instead of three).
 */
export async function loadCaseFile(db: DbOrTx, row: CaseRow): Promise<CaseFile> {
  const lists = await db.selectNoFrom((eb) => caseFileColumns(eb, row.id)).executeTakeFirstOrThrow();
  return caseFileOf(row, lists);
}
