import { createHash, randomUUID } from 'node:crypto';
import { closeSync, createWriteStream, fstatSync, openSync, read as readCallback, readSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { AppError } from '../../../domain/errors.js';
import { createSha256Stream, isSha256Hex, type StreamDigest } from '../crypto/hash.js';
import type { BlobStore, ByteRange, StoredBlob } from './blob-store.js';
import { limitAndPeek } from './limit-and-peek.js';

/**
 * How much of a blob is read at a time: a document of a typical case (a scan, a photo) in one or two
 * reads instead of Node's default 64 KiB at a time, while a 1 GB video still streams in bounded memory.
 */
const READ_CHUNK_BYTES = 1024 * 1024;

/** Read buffers kept for `digest` between calls (one per call in flight; at most this many kept). */
const KEPT_READ_BUFFERS = 4;

const readAsync = promisify(readCallback);

/**
 * The local-disk driver: `<root>/ab/cd/abcd…` named by SHA-256. A write goes to a temporary file
 * first and is renamed into place only once complete, so a crash never leaves a partial blob under
 * a real name; an existing blob of the same hash is kept and the duplicate discarded.
 */
export function createFsBlobStore(root: string): BlobStore {
  const tmpDir = path.join(root, 'tmp');
  const pathOf = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  // A fresh 1 MiB buffer per read is external memory V8 must collect: at a few hundred documents a
  // second it forced a full garbage collection every ~100 ms (docs/decisions/0006, sixth pass).
  const readBuffers: Buffer[] = [];

  return {
    async put(source: Readable, { maxBytes }): Promise<StoredBlob> {
      await fs.mkdir(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, randomUUID());
      const limiter = limitAndPeek(maxBytes);
      const hasher = createSha256Stream();
      try {
        await pipeline(source, limiter.stream, hasher.stream, createWriteStream(tmp, { mode: 0o600 }));
        const { sha256, size } = await hasher.digest;
        const final = pathOf(sha256);
        await fs.mkdir(path.dirname(final), { recursive: true });
        if (await exists(final)) {
          await fs.rm(tmp, { force: true });
        } else {
          // On disk before it has a real name, and the name on disk before we answer: evidence must survive a power cut.
          await syncPath(tmp);
          await fs.rename(tmp, final);
          await syncPath(path.dirname(final)).catch(() => undefined); // directories cannot be opened for sync everywhere
        }
        return { sha256, size, head: limiter.head() };
      } catch (error) {
        await fs.rm(tmp, { force: true });
        throw error;
      }
    },
    async get(sha256: string, range?: ByteRange): Promise<Readable> {
      // Opened here, not lazily by the stream, so that a missing blob is a clear error before any byte is sent.
      if (!isSha256Hex(sha256)) throw new AppError('documents.not_found');
      const handle = await fs.open(pathOf(sha256), 'r').catch(missingAsNotFound);
      return handle.createReadStream({ highWaterMark: READ_CHUNK_BYTES, ...range });
    },
    async digest(sha256: string): Promise<StreamDigest> {
      if (!isSha256Hex(sha256)) throw new AppError('documents.not_found');
      const fd = openInPlace(pathOf(sha256));
      const buffer = readBuffers.pop() ?? Buffer.allocUnsafe(READ_CHUNK_BYTES);
      try {
        // Up to one buffer's worth (a typical document) is read in place: through libuv's thread
        // pool, each of open, read and close costs two thread wake-ups, more than reading a few
        // hundred KB from the page cache. Larger contents stream without blocking the event loop.
        const { size: expected } = fstatSync(fd);
        const read = expected <= buffer.length ? readInPlace : readThroughPool;
        const hash = createHash('sha256');
        let size = 0;
        for (let n = await read(fd, buffer); n > 0; n = await read(fd, buffer)) {
          hash.update(buffer.subarray(0, n));
          size += n;
        }
        return { sha256: hash.digest('hex'), size };
      } finally {
        if (readBuffers.length < KEPT_READ_BUFFERS) readBuffers.push(buffer);
        closeSync(fd);
      }
    },
    async has(sha256: string): Promise<boolean> {
      return isSha256Hex(sha256) && exists(pathOf(sha256));
    },
    async remove(sha256: string): Promise<void> {
      if (isSha256Hex(sha256)) await fs.rm(pathOf(sha256), { force: true });
    },
  };
}

/** `documents.not_found` for a content that is not there; any other error as it is. */
function missingAsNotFound(error: unknown): never {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('documents.not_found');
  throw error;
}

function openInPlace(file: string): number {
  try {
    return openSync(file, 'r');
  } catch (error) {
    return missingAsNotFound(error);
  }
}

const readInPlace = async (fd: number, buffer: Buffer): Promise<number> =>
  readSync(fd, buffer, 0, buffer.length, null);
const readThroughPool = async (fd: number, buffer: Buffer): Promise<number> =>
  (await readAsync(fd, buffer, 0, buffer.length, null)).bytesRead;

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

async function syncPath(target: string): Promise<void> {
  const handle = await fs.open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
