import { z } from 'zod';
import { line } from '../text.js';

/** What a document of a case file is. */
export const documentKinds = [
  'complaint',
  'report',
  'evidence',
  'id_document',
  'photo',
  'video',
  'audio',
  'medical',
  'other',
] as const;
export const documentKindSchema = z.enum(documentKinds);
export type DocumentKind = z.infer<typeof documentKindSchema>;

/** The text fields of an upload, sent before the file part (the server reads them before it streams the file). */
export const uploadDocumentFieldsSchema = z.object({ kind: documentKindSchema });
export type UploadDocumentFields = z.infer<typeof uploadDocumentFieldsSchema>;

/**
 * What a resumable upload (tus, `POST /api/uploads`) says of itself in its `Upload-Metadata`: the single-request
 * route it stands for (`target`: `/api/cases/<id>/documents` or `/api/cases/<id>/supplements/documents`), the
 * document's kind and the file's name — the multipart upload's fields, sent ahead of the bytes.
 */
export const resumableUploadMetadataSchema = z.object({
  target: line(200),
  kind: documentKindSchema,
  filename: line(1000),
});
export type ResumableUploadMetadata = z.infer<typeof resumableUploadMetadataSchema>;

/** A document as the API shows it: the file's bytes are fetched from its `content` link. */
export const caseDocumentSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  kind: documentKindSchema,
  /** The name the user gave, neutralised by `safeFileName`, for display and download only. */
  name: z.string(),
  /** Told by the content, never by the client. */
  mediaType: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  uploadedBy: z.uuid(),
  uploadedAt: z.iso.datetime(),
});
export type CaseDocument = z.infer<typeof caseDocumentSchema>;

export const caseDocumentListSchema = z.object({ items: z.array(caseDocumentSchema) });
export type CaseDocumentList = z.infer<typeof caseDocumentListSchema>;

export const caseDocumentParamsSchema = z.object({ id: z.uuid(), documentId: z.uuid() });

/** PATCH /api/cases/:id/documents/:documentId — re-classify a document of a draft. */
export const classifyDocumentBodySchema = z.object({ kind: documentKindSchema });
export type ClassifyDocumentBody = z.infer<typeof classifyDocumentBodySchema>;

/**
 * GET …/content?disposition=inline shows a document in the page (a PDF in the browser's viewer, an image, a
 * player); the default is a download. Either way the headers never let the bytes run as a page.
 */
export const documentContentQuerySchema = z.object({
  disposition: z.enum(['inline', 'attachment']).default('attachment'),
});
export type DocumentContentQuery = z.infer<typeof documentContentQuerySchema>;
