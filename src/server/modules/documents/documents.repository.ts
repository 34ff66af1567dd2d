import { sql } from 'kysely';
import type { CaseDocument, DocumentKind } from '../../../domain/documents/documents.schema.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import type { CaseDocumentsTable } from '../../db/schema.js';
import type { Selectable } from 'kysely';

export type CaseDocumentRow = Selectable<CaseDocumentsTable>;

/** A document row as the API shows it. */
export function presentDocument(row: CaseDocumentRow): CaseDocument {
  return {
    id: row.id,
    caseId: row.case_id,
    kind: row.kind as DocumentKind,
    name: row.name,
    mediaType: row.media_type,
    size: row.size,
    sha256: row.sha256,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at.toISOString(),
  };
}

/** The documents of a case, oldest first. */
export async function findDocumentsOfCase(db: DbOrTx, caseId: string): Promise<CaseDocumentRow[]> {
  return db
    .selectFrom('case_documents')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
}

/** One document of one case, or null (a document of another case is not found here). */
export async function findDocumentOfCase(
  db: DbOrTx,
  input: { caseId: string; documentId: string },
): Promise<CaseDocumentRow | null> {
  const row = await db
    .selectFrom('case_documents')
    .selectAll()
    .where('id', '=', input.documentId)
    .where('case_id', '=', input.caseId)
    .executeTakeFirst();
  return row ?? null;
}

/** A document of this case with these very bytes, or null: a second upload of the same file says so. */
export async function findDocumentOfCaseByHash(
  db: DbOrTx,
  input: { caseId: string; sha256: string },
): Promise<CaseDocumentRow | null> {
  const row = await db
    .selectFrom('case_documents')
    .selectAll()
    .where('case_id', '=', input.caseId)
    .where('sha256', '=', input.sha256)
    .executeTakeFirst();
  return row ?? null;
}

/** Changes the kind of a document and returns it as it now is. */
export async function updateDocumentKind(
  tx: Tx,
  documentId: string,
  kind: DocumentKind,
): Promise<CaseDocumentRow> {
  return tx
    .updateTable('case_documents')
    .set({ kind })
    .where('id', '=', documentId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Takes a document out of its case (the blob stays: the store is content-addressed and may share it). */
export async function deleteDocument(tx: Tx, documentId: string): Promise<void> {
  await tx.deleteFrom('case_documents').where('id', '=', documentId).execute();
}

/** Records that the store holds a content (once per hash; a second upload of the same bytes changes nothing). */
export async function upsertBlob(
  tx: Tx,
  blob: { sha256: string; size: number; mediaType: string },
): Promise<void> {
  await tx
    .insertInto('blobs')
    .values({ sha256: blob.sha256, size: blob.size, media_type: blob.mediaType })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

/** Whether the database says the store holds this content (a `blobs` row, which documents reference). */
export async function isBlobRecorded(db: DbOrTx, sha256: string): Promise<boolean> {
  const row = await db.selectFrom('blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst();
  return row !== undefined;
}

/** Inserts a document row and returns it. */
export async function insertDocument(tx: Tx, row: CaseDocumentRow): Promise<CaseDocumentRow> {
  return tx.insertInto('case_documents').values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * Serialises, until the transaction ends, everything that decides whether one content stays in the store:
 * recording it for a document, and removing it after a refused upload (the store is content-addressed, so two
 * uploads of the same bytes share one blob).
 */
export async function lockBlob(tx: Tx, sha256: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`blob:${sha256}`}, 0))`.execute(tx);
}

/**
 * The contents the database says the store holds (`casebridge blobs verify`): all of them in hash order, or
 * `sample` of them picked at random.
 */
export async function listRecordedBlobs(
  db: DbOrTx,
  options: { sample?: number },
): Promise<{ sha256: string; size: number }[]> {
  const rows = await (options.sample === undefined
    ? db.selectFrom('blobs').select(['sha256', 'size']).orderBy('sha256').execute()
    : db
        .selectFrom('blobs')
        .select(['sha256', 'size'])
        .orderBy(sql`random()`)
        .limit(options.sample)
        .execute());
  return rows.map((r) => ({ sha256: r.sha256, size: Number(r.size) }));
}
