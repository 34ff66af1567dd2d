import type { DbOrTx } from '../../db/client.js';
import type { CaseRow, CustodyRow, PartyRow } from '../../db/schema.js';
import { findCustodyOfCase } from './custody.repository.js';
import { findPartiesOfCase } from './parties.repository.js';

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

/** The documents of a case, in the order they were uploaded. */
export async function findDocumentsOfCase(db: DbOrTx, caseId: string): Promise<CaseDocumentRow[]> {
  return db
    .selectFrom('case_documents')
    .select(['id', 'name', 'kind', 'media_type', 'size', 'sha256', 'uploaded_at'])
    .where('case_id', '=', caseId)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
}

/** Loads the parties, custody and documents of a case already loaded (and authorised). */
export async function loadCaseFile(db: DbOrTx, row: CaseRow): Promise<CaseFile> {
  const [parties, custody, documents] = await Promise.all([
    findPartiesOfCase(db, row.id),
    findCustodyOfCase(db, row.id),
    findDocumentsOfCase(db, row.id),
  ]);
  return { row, parties, custody, documents };
}
