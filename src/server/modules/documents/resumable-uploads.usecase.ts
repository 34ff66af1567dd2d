import type { CaseDocument, ResumableUploadMetadata } from '../../../domain/documents/documents.schema.js';
import { safeFileName } from '../../../domain/documents/file-name.js';
import type { DocumentKind } from '../../../domain/documents/documents.schema.js';
import { AppError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/permissions.js';
import { caseSteps } from '../../../domain/cases/case-actions.js';
import type { Db } from '../../db/client.js';
import type { CaseRow } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import type { BlobStore } from '../../platform/blob-store/blob-store.js';
import type { UploadPartsStore } from '../../platform/blob-store/upload-parts-store.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/index.js';
import { assertCaseStep, loadCaseFor } from '../cases/index.js';
import { uploadDocument } from './documents.usecase.js';
import {
  deleteResumableUpload,
  findOwnedUpload,
  findUploadsUntouchedSince,
  insertResumableUpload,
  touchResumableUpload,
  type ResumableUploadRow,
} from './resumable-uploads.repository.js';

/** A single-request upload route that a resumable upload may stand for (`registerDocumentUploadRoute`). */
export interface UploadTarget {
  url: `/api/cases/:id/${string}`;
  /** Whether the case takes uploads in its state (default: drafts only). */
  assertAcceptsUploads?: ((row: CaseRow) => void) | undefined;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The route `target` names and the case in it, or null. */
function matchTarget(targets: readonly UploadTarget[], target: string) {
  for (const route of targets) {
    const [before, after] = route.url.split(':id');
    const match = new RegExp(`^${before ?? ''}(${UUID})${after ?? ''}$`).exec(target);
    if (match?.[1]) return { route, caseId: match[1] };
  }
  return null;
}

const acceptsOf = (route: UploadTarget) =>
  route.assertAcceptsUploads ?? ((row: CaseRow) => assertCaseStep('uploadDocument', row));

/** Who acts, from which session and address. */
export interface UploadActor {
  db: Db;
  clock: Clock;
  actor: Actor;
  sessionTokenHash: string;
  ip: string | null;
}

/**
 * Begins a resumable upload (tus creation) for the route and case its metadata names, as the single-request
 * upload would be checked before its first byte: the actor may upload to the case and the case takes uploads
 * (else `cases.not_found` / the route's refusal), the length is given, not zero and within `maxBytes`. Records
 * the upload as this session's and audits it; the bytes then go to the upload store under `id`.
 */
export async function beginResumableUpload(
  input: UploadActor & {
    id: string;
    metadata: ResumableUploadMetadata;
    size: number;
    maxBytes: number;
    targets: readonly UploadTarget[];
  },
): Promise<ResumableUploadRow> {
  const { actor, metadata, size } = input;
  if (size > input.maxBytes)
    throw new AppError('documents.too_large', { details: { maxBytes: input.maxBytes } });
  if (size === 0) throw new AppError('documents.empty');
  const matched = matchTarget(input.targets, metadata.target);
  if (!matched)
    throw new AppError('request.invalid', {
      issues: [
        {
          path: 'headers.upload-metadata.target',
          code: 'validation.invalid_string',
          message: 'Name the single-request upload route of a case, as /api/cases/<id>/documents.',
        },
      ],
    });
  return inTransaction(input.db, async (tx) => {
    const action = caseSteps.uploadDocument.action;
    const caseRow = await loadCaseFor({ db: tx, actor, caseId: matched.caseId, action });
    acceptsOf(matched.route)(caseRow);
    const at = input.clock.now();
    const row: ResumableUploadRow = {
      id: input.id,
      org_id: caseRow.org_id,
      user_id: actor.userId,
      session_token_hash: input.sessionTokenHash,
      case_id: caseRow.id,
      target: matched.route.url,
      kind: metadata.kind,
      file_name: safeFileName(metadata.filename),
      size,
      created_at: at,
      touched_at: at,
    };
    await insertResumableUpload(tx, row);
    await recordAudit(tx, {
      action: 'document.upload_started',
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      resourceType: 'case',
      resourceId: caseRow.id,
      orgId: caseRow.org_id,
      ip: input.ip,
      // Ids, kind and size only: the file name can carry a person's name.
      details: { uploadId: row.id, kind: row.kind, size },
      at,
    });
    return row;
  });
}

/**
 * An upload of this session, or `uploads.not_found` (another session's, another organisation's, finished,
 * cancelled or expired: all alike). With `touch`, marks it alive: a chunk is about to arrive.
 */
export async function getOwnedUpload(
  input: UploadActor & { id: string; touch?: boolean },
): Promise<ResumableUploadRow> {
  const row = await findOwnedUpload(input.db, {
    id: input.id,
    orgId: input.actor.orgId,
    sessionTokenHash: input.sessionTokenHash,
  });
  if (!row) throw new AppError('uploads.not_found');
  if (input.touch) await touchResumableUpload(input.db, row.id, input.clock.now());
  return row;
}

/** Cancels an upload of this session (tus termination): its bytes and its record go; audited. */
export async function cancelResumableUpload(
  input: UploadActor & { id: string; parts: UploadPartsStore },
): Promise<void> {
  const row = await getOwnedUpload(input);
  await input.parts.remove(row.id);
  await inTransaction(input.db, async (tx) => {
    if (!(await deleteResumableUpload(tx, row.id))) return;
    await recordAudit(tx, {
      action: 'document.upload_cancelled',
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      resourceType: 'case',
      resourceId: row.case_id,
      orgId: row.org_id,
      ip: input.ip,
      details: { uploadId: row.id },
      at: input.clock.now(),
    });
  });
}

/**
 * Attaches a resumable upload whose last byte has arrived, through the very path of the single-request upload
 * (`uploadDocument`: the case checked again, the bytes streamed from the upload store into the blob store and
 * hashed, the content checked, the document, timeline and audit written in one transaction). Whatever the
 * outcome, the upload's bytes and record then go: a refused upload is not attached later.
 */
export async function finishResumableUpload(input: {
  db: Db;
  blobs: BlobStore;
  clock: Clock;
  actor: Actor;
  ip: string | null;
  row: ResumableUploadRow;
  parts: UploadPartsStore;
  maxBytes: number;
  targets: readonly UploadTarget[];
}): Promise<CaseDocument> {
  const { row, parts } = input;
  const route = input.targets.find((t) => t.url === row.target);
  try {
    return await uploadDocument({
      db: input.db,
      blobs: input.blobs,
      clock: input.clock,
      actor: input.actor,
      caseId: row.case_id,
      maxBytes: input.maxBytes,
      ip: input.ip,
      receive: async () => ({
        kind: row.kind as DocumentKind,
        fileName: row.file_name,
        content: parts.read(row.id),
        wasTruncated: () => false,
      }),
      ...(route?.assertAcceptsUploads ? { assertAcceptsUploads: route.assertAcceptsUploads } : {}),
    });
  } finally {
    await parts.remove(row.id);
    await deleteResumableUpload(input.db, row.id);
  }
}

/**
 * Removes the uploads nobody has sent a chunk to for `expiryMs` (UPLOAD_EXPIRY_HOURS): their bytes in the upload
 * store and their records. Safe to run in several processes at once. Returns how many went.
 */
export async function removeExpiredUploads(input: {
  db: Db;
  clock: Clock;
  parts: UploadPartsStore;
  expiryMs: number;
}): Promise<number> {
  const before = new Date(input.clock.now().getTime() - input.expiryMs);
  let removed = 0;
  for (;;) {
    const rows = await findUploadsUntouchedSince(input.db, before, 100);
    for (const row of rows) {
      await input.parts.remove(row.id);
      if (await deleteResumableUpload(input.db, row.id)) removed += 1;
    }
    if (rows.length < 100) return removed;
  }
}
