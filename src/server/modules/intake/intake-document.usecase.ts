import type { Readable } from 'node:stream';
import { AppError } from '../../../domain/errors.js';
import type { BlobStore } from '../../platform/blob-store/blob-store.js';
import type { ByteRange } from '../../platform/blob-store/blob-store.js';
import { findIntakeDocument } from './intake-files.repository.js';
import { withIntakeFile, type IntakeUseCaseInput } from './intake.ports.js';

/** A document of an intake file and a stream of its bytes; the caller reads it to its end or destroys it. */
export interface IntakeDocumentStream {
  document: { name: string; mediaType: string; size: number; sha256: string };
  content: Readable;
  /** The part asked for (a player's `Range`), or null for the whole. */
  range: ByteRange | null;
}

/**
 * Opens a document of an intake file for the office — downloaded, or shown in the page (`inline`), whole or
 * the byte range a player asked for (`range`, given the document's size) — (`documents.not_found` if the
 * file has no document with this hash), audited as `intake.document_read` with the range and the way shown.
 */
export async function downloadIntakeDocument(
  input: IntakeUseCaseInput & {
    blobs: BlobStore;
    sha256: string;
    inline?: boolean;
    range?: (size: number) => ByteRange | null;
  },
): Promise<IntakeDocumentStream> {
  const { document, range } = await withIntakeFile(
    { ...input, action: 'intake.read', audit: 'intake.document_read' },
    async ({ tx, file }) => {
      const row = await findIntakeDocument(tx, { intakeFileId: file.id, sha256: input.sha256 });
      if (!row) throw new AppError('documents.not_found');
      const range = input.range?.(row.size) ?? null;
      return {
        value: {
          document: { name: row.name, mediaType: row.media_type, size: row.size, sha256: row.sha256 },
          range,
        },
        details: {
          sha256: row.sha256,
          ...(input.inline ? { inline: true } : {}),
          ...(range ? { range: [range.start, range.end] } : {}),
        },
      };
    },
  );
  return { document, range, content: await input.blobs.get(document.sha256, range ?? undefined) };
}
