import type { CaseDocument, ClassifyDocumentBody } from '../../../domain/documents/documents.schema.js';
import { acceptedContentOf, kindFitsContent } from '../../../domain/documents/kind-fit.js';
import { AppError } from '../../../domain/errors.js';
import { changeCase, type CaseContext, type CaseUseCaseInput } from '../cases/index.js';
import {
  type CaseDocumentRow,
  deleteDocument,
  findDocumentOfCase,
  presentDocument,
  updateDocumentKind,
} from './documents.repository.js';

/** A document of the case in hand, or `documents.not_found` (a document of another case is not found either). */
async function getDocumentOf(ctx: CaseContext, documentId: string): Promise<CaseDocumentRow> {
  const row = await findDocumentOfCase(ctx.tx, { caseId: ctx.row.id, documentId });
  if (!row) throw new AppError('documents.not_found');
  return row;
}

/** What the audit entry keeps of a document: ids, kind, type and hash — and its name, which the file bore. */
const documentFacts = (row: CaseDocumentRow) => ({
  documentId: row.id,
  kind: row.kind,
  name: row.name,
  mediaType: row.media_type,
  sha256: row.sha256,
});

/**
 * Re-classifies a document of a draft (a scan uploaded as «سایر» becomes «تصویر شکوائیه»), so that the readiness
 * checklist can see it. The new kind must fit the bytes as the upload's did (`documents.kind_mismatch`).
 */
export async function classifyDocument(
  input: CaseUseCaseInput & { documentId: string; body: ClassifyDocumentBody },
): Promise<CaseDocument> {
  return changeCase({ ...input, audit: 'document.classified', step: 'classifyDocument' }, async (ctx) => {
    const current = await getDocumentOf(ctx, input.documentId);
    const { kind } = input.body;
    if (!kindFitsContent(kind, current.media_type))
      throw new AppError('documents.kind_mismatch', {
        message: `A document of kind "${kind}" must be ${acceptedContentOf(kind).join(' or ')}; this file is ${current.media_type}. Field: body.kind.`,
        details: { kind, detectedType: current.media_type },
        issues: [{ path: 'body.kind', code: 'documents.kind_mismatch' }],
      });
    const updated = kind === current.kind ? current : await updateDocumentKind(ctx.tx, current.id, kind);
    return {
      value: presentDocument(updated),
      event: {
        type: 'document.classified',
        details: { documentId: current.id, kind },
        before: { kind: current.kind },
        after: { kind: updated.kind },
      },
    };
  });
}

/**
 * Takes a document out of a draft. The stored bytes stay in the content-addressed store (another document may
 * share them); the audit entry keeps what the document was.
 */
export async function removeDocument(input: CaseUseCaseInput & { documentId: string }): Promise<void> {
  await changeCase({ ...input, audit: 'document.removed', step: 'removeDocument' }, async (ctx) => {
    const current = await getDocumentOf(ctx, input.documentId);
    await deleteDocument(ctx.tx, current.id);
    return {
      value: undefined,
      event: {
        type: 'document.removed',
        details: { documentId: current.id, kind: current.kind, sha256: current.sha256 },
        before: documentFacts(current),
      },
    };
  });
}
