import type { Readable } from 'node:stream';
import type { StreamDigest } from '../crypto/hash.js';

/** A slice of a content: from byte `start` to byte `end`, both included (as HTTP's `Range: bytes=start-end`). */
export interface ByteRange {
  start: number;
  end: number;
}

/** What a store holds after a write: the content's SHA-256 (its name), its size, and its first bytes. */
export interface StoredBlob {
  sha256: string;
  size: number;
  /** The first bytes of the content (up to 4 KiB), for checking its type by content. */
  head: Buffer;
}

/**
 * Content-addressed storage for documents: each content is stored once, named by its SHA-256,
 * written and read as streams (never whole in memory). Drivers: the local disk (`fs-blob-store.ts`)
 * and S3-compatible object storage (`s3-blob-store.ts`), chosen by BLOB_STORE (`open-blob-store.ts`).
 */
export interface BlobStore {
  /**
   * Streams `source` into the store, hashing as it goes. Rejects with `documents.too_large` past
   * `maxBytes` and leaves nothing behind. `head` lets the caller check the type by content.
   */
  put(source: Readable, options: { maxBytes: number }): Promise<StoredBlob>;
  /**
   * A stream of the content — or of the bytes `start` to `end` (inclusive) of it, for an HTTP range request —
   * or throws `documents.not_found`.
   */
  get(sha256: string, range?: ByteRange): Promise<Readable>;
  /**
   * Re-reads a content and hashes every byte of it (what the receiver of a message does to each of
   * its documents), or throws `documents.not_found`. Unlike hashing `get`'s stream, it hands no
   * chunk to anyone, so a driver may read into buffers it reuses.
   */
  digest(sha256: string): Promise<StreamDigest>;
  has(sha256: string): Promise<boolean>;
  /** Removes a content (only for rolling back a write that was refused). */
  remove(sha256: string): Promise<void>;
}
