import { z } from 'zod';

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
