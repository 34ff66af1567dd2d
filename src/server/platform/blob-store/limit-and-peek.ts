import { Transform } from 'node:stream';
import { AppError } from '../../../domain/errors.js';

/** How much of a content's start a store hands back with `put` (for checking its type by content). */
export const HEAD_BYTES = 4096;

/**
 * A pass-through stream for every store's `put`: counts bytes, keeps the first 4 KiB, and fails with
 * `documents.too_large` as soon as the content passes `maxBytes`.
 */
export function limitAndPeek(maxBytes: number): { stream: Transform; head: () => Buffer } {
  let seen = 0;
  const headChunks: Buffer[] = [];
  let headSize = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) return callback(new AppError('documents.too_large', { details: { maxBytes } }));
      if (headSize < HEAD_BYTES) {
        const piece = chunk.subarray(0, HEAD_BYTES - headSize);
        headChunks.push(Buffer.from(piece));
        headSize += piece.length;
      }
      callback(null, chunk);
    },
  });
  return { stream, head: () => Buffer.concat(headChunks) };
}
