import type { Readable } from 'node:stream';
import { AppError } from '../../../domain/errors.js';
import type { BlobStore } from '../../platform/blob-store/blob-store.js';
import { findIntakeDocument } from './intake-files.repository.js';
import { withIntakeFile, type IntakeUseCaseInput } from './intake.ports.js';

/** A document of an intake file and a stream of its bytes; the caller reads it to its end or destroys it. */
export interface IntakeDocumentStream {
  document: { name: string; mediaType: string; size: number; sha256: string };
  content: Readable;
}

/**
 * Opens a document of an intake file for download by the office (`documents.not_found` if the file has
 * no document with this hash), audited as `intake.document_read`.
 */
export async function downloadIntakeDocument(
  input: IntakeUseCaseInput & { blobs: BlobStore; sha256: string },
): Promise<IntakeDocumentStream> {
  const document = await withIntakeFile(
    { ...input, action: 'intake.read', audit: 'intake.document_read' },
    async ({ tx, file }) => {
      const row = await findIntakeDocument(tx, { intakeFileId: file.id, sha256: input.sha256 });
      if (!row) throw new AppError('documents.not_found');
      return {
        value: { name: row.name, mediaType: row.media_type, size: row.size, sha256: row.sha256 },
        details: { sha256: row.sha256 },
      };
    },
  );
  return { document, content: await input.blobs.get(document.sha256) };
}
