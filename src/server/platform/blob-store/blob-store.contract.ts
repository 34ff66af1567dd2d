import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../domain/errors.js';
import { hashStream, sha256Hex } from '../crypto/hash.js';
import type { BlobStore } from './blob-store.js';

/** A store under test, and how to throw it away afterwards. */
export interface BlobStoreUnderTest {
  store: BlobStore;
  cleanup(): Promise<void>;
}

const HEAD_BYTES = 4096;

/** A stream of `chunks` chunks of `chunkSize` bytes, each filled with its index, made as it is read. */
function generated(chunks: number, chunkSize: number): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < chunks; i++) yield Buffer.alloc(chunkSize, i % 251);
    })(),
  );
}

/** A stream that gives some bytes, then fails as a dropped connection would. */
function failingAfter(bytes: Buffer): Readable {
  return Readable.from(
    (async function* () {
      yield bytes;
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw new Error('connection reset');
    })(),
  );
}

const bytesOf = async (stream: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
};

/**
 * What every blob store driver must do (the local disk, S3-compatible storage): run it from the
 * driver's own test file with a factory that gives a fresh, empty store.
 */
export function describeBlobStoreContract(
  driver: string,
  makeStore: () => Promise<BlobStoreUnderTest>,
): void {
  describe(`the ${driver} blob store (contract)`, () => {
    const withStore = async (test: (store: BlobStore) => Promise<void>) => {
      const { store, cleanup } = await makeStore();
      try {
        await test(store);
      } finally {
        await cleanup();
      }
    };

    it('gives back exactly the bytes it was given, named by their SHA-256, with their size and first 4 KiB', () =>
      withStore(async (store) => {
        const content = Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 7) % 256));
        const stored = await store.put(Readable.from([content.subarray(0, 3000), content.subarray(3000)]), {
          maxBytes: 1_000_000,
        });
        expect(stored.sha256).toBe(sha256Hex(content));
        expect(stored.size).toBe(content.length);
        expect(stored.head.equals(content.subarray(0, HEAD_BYTES))).toBe(true);
        expect(await store.has(stored.sha256)).toBe(true);
        expect((await bytesOf(await store.get(stored.sha256))).equals(content)).toBe(true);
      }));

    it('reads back a range of a content, its first and last bytes included (the viewer\u2019s Range)', () =>
      withStore(async (store) => {
        const content = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 13) % 256));
        const stored = await store.put(Readable.from([content]), { maxBytes: content.length });
        for (const [start, end] of [
          [0, 99], // not 0-0: s3rver, the tests' S3 server, answers bytes=0-0 with the whole content
          [1000, 199_999],
          [299_990, 299_999],
        ] as const) {
          const part = await bytesOf(await store.get(stored.sha256, { start, end }));
          expect(part.equals(content.subarray(start, end + 1))).toBe(true);
        }
      }));

    it('gives the whole content as the head when it is shorter than 4 KiB', () =>
      withStore(async (store) => {
        const stored = await store.put(Readable.from([Buffer.from('%PDF-1.7\n')]), { maxBytes: 100 });
        expect(stored.head.toString()).toBe('%PDF-1.7\n');
      }));

    it('hashes a content of many chunks as it streams, without losing or reordering any', () =>
      withStore(async (store) => {
        const stored = await store.put(generated(80, 64 * 1024), { maxBytes: 80 * 64 * 1024 });
        expect(stored).toMatchObject(await hashStream(generated(80, 64 * 1024)));
        expect(await hashStream(await store.get(stored.sha256))).toEqual({
          sha256: stored.sha256,
          size: stored.size,
        });
      }));

    it('re-hashes what it holds, many chunks and many contents at a time, each to its own digest', () =>
      withStore(async (store) => {
        const sizes = [0, 1, 200 * 1024, 3 * 1024 * 1024 + 7];
        const contents = sizes.map((size, i) => Buffer.alloc(size, i + 1));
        for (const content of contents)
          await store.put(Readable.from([content]), { maxBytes: 4 * 1024 * 1024 });
        for (let round = 0; round < 3; round++) {
          const digests = await Promise.all(contents.map((content) => store.digest(sha256Hex(content))));
          expect(digests).toEqual(
            contents.map((content) => ({ sha256: sha256Hex(content), size: content.length })),
          );
        }
        const missing = await store.digest(sha256Hex('never stored')).catch((e: unknown) => e);
        expect(isAppError(missing, 'documents.not_found')).toBe(true);
        const notAHash = await store.digest('../../etc/passwd').catch((e: unknown) => e);
        expect(isAppError(notAHash, 'documents.not_found')).toBe(true);
      }));

    it('stores the same content once, however many times it is put, even at the same time', () =>
      withStore(async (store) => {
        const content = Buffer.from('the same statement, twice');
        const [a, b, c] = await Promise.all(
          [1, 2, 3].map(() => store.put(Readable.from([content]), { maxBytes: 1000 })),
        );
        expect(a?.sha256).toBe(sha256Hex(content));
        expect(b?.sha256).toBe(a?.sha256);
        expect(c?.sha256).toBe(a?.sha256);
        expect((await bytesOf(await store.get(sha256Hex(content)))).equals(content)).toBe(true);
      }));

    it('accepts a content of exactly the size limit', () =>
      withStore(async (store) => {
        const stored = await store.put(Readable.from([Buffer.alloc(1024, 1)]), { maxBytes: 1024 });
        expect(stored.size).toBe(1024);
      }));

    it('refuses a content past the size limit with documents.too_large, and keeps nothing of it', () =>
      withStore(async (store) => {
        const content = Buffer.alloc(1025, 2);
        const error = await store
          .put(Readable.from([content.subarray(0, 1000), content.subarray(1000)]), { maxBytes: 1024 })
          .catch((e: unknown) => e);
        expect(isAppError(error, 'documents.too_large')).toBe(true);
        expect(await store.has(sha256Hex(content))).toBe(false);
        expect(await store.has(sha256Hex(content.subarray(0, 1024)))).toBe(false);
      }));

    it('keeps nothing of a content whose source fails half-way, and passes the failure on', () =>
      withStore(async (store) => {
        const part = Buffer.alloc(5000, 3);
        await expect(store.put(failingAfter(part), { maxBytes: 1_000_000 })).rejects.toThrow(
          'connection reset',
        );
        expect(await store.has(sha256Hex(part))).toBe(false);
      }));

    it('stores an empty content (refusing it is the caller\u2019s decision)', () =>
      withStore(async (store) => {
        const stored = await store.put(Readable.from([]), { maxBytes: 10 });
        expect(stored).toMatchObject({ sha256: sha256Hex(''), size: 0 });
        expect(stored.head.length).toBe(0);
      }));

    it('answers documents.not_found for a hash it does not hold, and for anything that is not a hash', () =>
      withStore(async (store) => {
        for (const name of [
          sha256Hex('never stored'),
          '../../etc/passwd',
          'ABC',
          sha256Hex('x').toUpperCase(),
        ]) {
          const error = await store.get(name).catch((e: unknown) => e);
          expect(isAppError(error, 'documents.not_found')).toBe(true);
          expect(await store.has(name)).toBe(false);
        }
      }));

    it('removes a content on request, and removing what it does not hold is not an error', () =>
      withStore(async (store) => {
        const stored = await store.put(Readable.from([Buffer.from('refused upload')]), { maxBytes: 100 });
        await store.remove(stored.sha256);
        expect(await store.has(stored.sha256)).toBe(false);
        await expect(store.remove(stored.sha256)).resolves.toBeUndefined();
        await expect(store.remove('../../etc/passwd')).resolves.toBeUndefined();
      }));
  });
}
