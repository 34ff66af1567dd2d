import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { CaseDocument, DocumentKind } from '../../../domain/documents/documents.schema.js';
import { acceptedContentOf, kindFitsContent } from '../../../domain/documents/kind-fit.js';
import { AppError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/permissions.js';
import type { Db } from '../../db/client.js';
import type { CaseRow } from '../../db/schema.js';
import type { BlobStore, ByteRange, StoredBlob } from '../../platform/blob-store/blob-store.js';
import type { Clock } from '../../platform/clock.js';
import {
  createPlainTextCheck,
  detectContentType,
  type DocumentMediaType,
} from '../../platform/content-type.js';
import { recordAudit } from '../audit/index.js';
import { caseSteps } from '../../../domain/cases/case-actions.js';
import { assertCaseStep, loadCaseFor, recordCaseEvent } from '../cases/index.js';
import {
  type CaseDocumentRow,
  findDocumentOfCase,
  findDocumentOfCaseByHash,
  findDocumentsOfCase,
  insertDocument,
  isBlobRecorded,
  lockBlob,
  presentDocument,
  upsertBlob,
} from './documents.repository.js';
import { inTransaction } from '../../db/transaction.js';

/** A document as it arrives, before anything is stored: its kind, the name the user gave, and its bytes. */
export interface IncomingDocument {
  kind: DocumentKind;
  /** Already neutralised by `safeFileName`. */
  fileName: string;
  /** Read once, straight into the blob store. */
  content: Readable;
  /** Whether the transport cut the content short at its own size limit (asked once the content is read). */
  wasTruncated(): boolean;
}

/**
 * Adds a document to a draft case. The actor and the case are checked before a byte of the upload is read
 * (`receive` is called only then); the content is streamed into the blob store, hashed on the way, and
 * checked by its own bytes once stored. A refused upload (`documents.too_large`, `documents.empty`,
 * `documents.unsupported_type`, `documents.duplicate` for bytes the case already has, or any later failure)
 * leaves nothing behind. The blob, the document row, the
 * case's timeline event and the audit entry are written in one transaction.
 */
export async function uploadDocument(input: {
  db: Db;
  blobs: BlobStore;
  clock: Clock;
  actor: Actor;
  caseId: string;
  maxBytes: number;
  ip?: string | null;
  receive: () => Promise<IncomingDocument>;
  /** Whether the case takes uploads in its state: drafts only, unless told otherwise (documents for a supplement). */
  assertAcceptsUploads?: (row: CaseRow) => void;
}): Promise<CaseDocument> {
  const { db, blobs, actor, caseId } = input;
  const assertAccepts =
    input.assertAcceptsUploads ?? ((row: CaseRow) => assertCaseStep('uploadDocument', row));
  const action = caseSteps.uploadDocument.action;
  assertAccepts(await loadCaseFor({ db, actor, caseId, action }));

  const incoming = await input.receive();
  const stored = await blobs.put(incoming.content, { maxBytes: input.maxBytes });
  try {
    const mediaType = await checkStoredContent({
      blobs,
      stored,
      truncated: incoming.wasTruncated(),
      maxBytes: input.maxBytes,
    });
    if (!kindFitsContent(incoming.kind, mediaType))
      throw new AppError('documents.kind_mismatch', {
        message: `A document of kind "${incoming.kind}" must be ${acceptedContentOf(incoming.kind).join(' or ')}; this file is ${mediaType}. Field: body.kind.`,
        details: { kind: incoming.kind, detectedType: mediaType },
        issues: [{ path: 'body.kind', code: 'documents.kind_mismatch' }],
      });
    const row = await inTransaction(db, async (tx) => {
      // Checked again under the row lock: the case may have been sent while the file was uploading.
      const caseRow = await loadCaseFor({
        db: tx,
        actor,
        caseId,
        action,
        forUpdate: true,
      });
      assertAccepts(caseRow);
      await lockBlob(tx, stored.sha256);
      // A refused upload of the same bytes may have removed the blob between our write and this lock.
      if (!(await blobs.has(stored.sha256))) throw new AppError('documents.upload_conflict');
      const same = await findDocumentOfCaseByHash(tx, { caseId: caseRow.id, sha256: stored.sha256 });
      if (same)
        throw new AppError('documents.duplicate', { details: { documentId: same.id, name: same.name } });
      await upsertBlob(tx, { sha256: stored.sha256, size: stored.size, mediaType });
      const at = input.clock.now();
      const document = await insertDocument(tx, {
        id: randomUUID(),
        case_id: caseRow.id,
        org_id: caseRow.org_id,
        sha256: stored.sha256,
        kind: incoming.kind,
        name: incoming.fileName,
        media_type: mediaType,
        size: stored.size,
        uploaded_by: actor.userId,
        uploaded_at: at,
      });
      // Ids, kind, type and hash only: a file name can carry a person's name.
      const details = {
        documentId: document.id,
        kind: document.kind,
        mediaType,
        size: stored.size,
        sha256: stored.sha256,
      };
      await recordCaseEvent(tx, {
        caseId: caseRow.id,
        orgId: caseRow.org_id,
        at,
        actorUserId: actor.userId,
        type: 'document.uploaded',
        details,
      });
      await recordAudit(tx, {
        action: 'document.uploaded',
        actorUserId: actor.userId,
        actorOrgId: actor.orgId,
        resourceType: 'case_document',
        resourceId: document.id,
        orgId: caseRow.org_id,
        ip: input.ip ?? null,
        details: { caseId: caseRow.id, ...details },
        at,
      });
      return document;
    });
    return presentDocument(row);
  } catch (error) {
    await discardUnreferencedBlob({ db, blobs, sha256: stored.sha256 });
    throw error;
  }
}

/**
 * The type of a stored upload, by its content, or the reason it is refused: cut short by the transport
 * (`documents.too_large`), empty (`documents.empty`), or none of the accepted types (`documents.unsupported_type`).
 * Text longer than the head the store kept is read back and checked to its end.
 */
async function checkStoredContent(input: {
  blobs: BlobStore;
  stored: StoredBlob;
  truncated: boolean;
  maxBytes: number;
}): Promise<DocumentMediaType> {
  const { stored } = input;
  if (input.truncated) throw new AppError('documents.too_large', { details: { maxBytes: input.maxBytes } });
  if (stored.size === 0) throw new AppError('documents.empty');
  const mediaType = detectContentType(stored.head, stored.size);
  if (!mediaType) throw new AppError('documents.unsupported_type');
  if (
    mediaType === 'text/plain' &&
    stored.size > stored.head.length &&
    !(await isPlainTextThroughout(input.blobs, stored.sha256))
  ) {
    throw new AppError('documents.unsupported_type');
  }
  return mediaType;
}

async function isPlainTextThroughout(blobs: BlobStore, sha256: string): Promise<boolean> {
  const check = createPlainTextCheck();
  const content = await blobs.get(sha256);
  try {
    for await (const chunk of content as AsyncIterable<Buffer>) {
      if (!check.push(chunk)) return false;
    }
    return check.end();
  } finally {
    content.destroy();
  }
}

/**
 * Removes a blob written for an upload that was then refused, unless the database records it (the store is
 * content-addressed: the same bytes uploaded to another document share the blob, and must stay).
 */
async function discardUnreferencedBlob(input: { db: Db; blobs: BlobStore; sha256: string }): Promise<void> {
  await inTransaction(input.db, async (tx) => {
    await lockBlob(tx, input.sha256);
    if (!(await isBlobRecorded(tx, input.sha256))) await input.blobs.remove(input.sha256);
  });
}

/** The documents of a case the actor may read, oldest first; the listing is audited. */
export async function listDocuments(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  caseId: string;
  ip?: string | null;
}): Promise<CaseDocument[]> {
  const { actor } = input;
  return inTransaction(input.db, async (tx) => {
    const caseRow = await loadCaseFor({ db: tx, actor, caseId: input.caseId, action: 'case.document.read' });
    const rows = await findDocumentsOfCase(tx, caseRow.id);
    await recordAudit(tx, {
      action: 'document.listed',
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      resourceType: 'case',
      resourceId: caseRow.id,
      orgId: caseRow.org_id,
      ip: input.ip ?? null,
      details: { count: rows.length },
      at: input.clock.now(),
    });
    return rows.map(presentDocument);
  });
}

/** A document and a stream of its bytes, read from the store. */
export interface DocumentStream {
  document: CaseDocument;
  /** The caller must read it to its end or destroy it. */
  content: Readable;
}

/**
 * Opens a document of a case for an actor who may read it: `cases.not_found` for a case out of the actor's
 * reach, `documents.not_found` for a document that is not this case's. Not audited: the caller records why it
 * read the bytes (a download, a message to the prosecutor's office).
 */
export async function openDocumentStream(input: {
  db: Db;
  blobs: BlobStore;
  actor: Actor;
  caseId: string;
  documentId: string;
}): Promise<DocumentStream> {
  const { row, content } = await openDocumentRow(input);
  return { document: presentDocument(row), content };
}

async function openDocumentRow(input: {
  db: Db;
  blobs: BlobStore;
  actor: Actor;
  caseId: string;
  documentId: string;
  range?: ((size: number) => ByteRange | null) | undefined;
}): Promise<{ row: CaseDocumentRow; content: Readable; range: ByteRange | null }> {
  const caseRow = await loadCaseFor({
    db: input.db,
    actor: input.actor,
    caseId: input.caseId,
    action: 'case.document.read',
  });
  const row = await findDocumentOfCase(input.db, { caseId: caseRow.id, documentId: input.documentId });
  if (!row) throw new AppError('documents.not_found');
  const range = input.range?.(row.size) ?? null;
  return { row, range, content: await input.blobs.get(row.sha256, range ?? undefined) };
}

/**
 * Opens a document for reading — downloaded, or shown in the page (`inline`), whole or the byte range a player
 * asked for (`range`, given the document's size) — and records the read in the audit log, range and all (the
 * stream is closed if that fails).
 */
export async function downloadDocument(input: {
  db: Db;
  blobs: BlobStore;
  clock: Clock;
  actor: Actor;
  caseId: string;
  documentId: string;
  ip?: string | null;
  inline?: boolean;
  range?: (size: number) => ByteRange | null;
}): Promise<DocumentStream & { range: ByteRange | null }> {
  const { row, content, range } = await openDocumentRow(input);
  const { actor } = input;
  try {
    await inTransaction(input.db, async (tx) => {
      await recordAudit(tx, {
        action: 'document.read',
        actorUserId: actor.userId,
        actorOrgId: actor.orgId,
        resourceType: 'case_document',
        resourceId: row.id,
        orgId: row.org_id,
        ip: input.ip ?? null,
        details: {
          caseId: row.case_id,
          sha256: row.sha256,
          ...(input.inline ? { inline: true } : {}),
          ...(range ? { range: [range.start, range.end] } : {}),
        },
        at: input.clock.now(),
      });
    });
  } catch (error) {
    content.destroy();
    throw error;
  }
  return { document: presentDocument(row), content, range };
}
