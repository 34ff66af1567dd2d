import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type TestS3Server } from '../../../../test/s3.js';
import { ConfigError } from '../config-error.js';
import { sha256Hex } from '../crypto/hash.js';
import { describeBlobStoreContract } from './blob-store.contract.js';
import { checkS3BlobStore, createS3BlobStore } from './s3-blob-store.js';

let s3: TestS3Server;
beforeAll(async () => {
  s3 = await startS3Server(['contract', 'other']);
});
afterAll(() => s3.stop());

/** Each store of the contract has a folder of its own in the bucket, so that "nothing left" is its own. */
describeBlobStoreContract('S3', async () => {
  const store = createS3BlobStore({
    ...s3.options('contract'),
    prefix: `t-${randomUUID()}`,
    partSize: 5 * 1024 * 1024,
  });
  return { store, cleanup: async () => store.close() };
});

describe('the S3 blob store', () => {
  it('leaves no object behind, temporary or named, after a refused or failed write', async () => {
    const prefix = `t-${randomUUID()}`;
    const store = createS3BlobStore({ ...s3.options('contract'), prefix, partSize: 5 * 1024 * 1024 });
    await store
      .put(Readable.from([Buffer.alloc(6 * 1024 * 1024, 1)]), { maxBytes: 5 * 1024 * 1024 + 10 })
      .catch(() => undefined);
    const failing = Readable.from(
      (async function* () {
        yield Buffer.alloc(6 * 1024 * 1024, 2);
        throw new Error('connection reset');
      })(),
    );
    await store.put(failing, { maxBytes: 100 * 1024 * 1024 }).catch(() => undefined);
    const stored = await store.put(Readable.from([Buffer.from('kept')]), { maxBytes: 100 });
    const names: string[] = [];
    for await (const name of store.list()) names.push(name);
    expect(names).toEqual([stored.sha256]);
    expect(stored.sha256).toBe(sha256Hex('kept'));
    store.close();
  });

  it('streams a content of several multipart parts and reads back any range of it', async () => {
    const store = createS3BlobStore({
      ...s3.options('contract'),
      prefix: `t-${randomUUID()}`,
      partSize: 5 * 1024 * 1024,
    });
    const content = Buffer.from(Array.from({ length: 11 * 1024 * 1024 + 3 }, (_, i) => (i * 31) % 256));
    const stored = await store.put(
      Readable.from([content.subarray(0, 7_000_000), content.subarray(7_000_000)]),
      {
        maxBytes: content.length,
      },
    );
    expect(stored.sha256).toBe(sha256Hex(content));
    const chunks: Buffer[] = [];
    for await (const chunk of await store.get(stored.sha256, { start: 5_242_870, end: 5_242_889 }))
      chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(content.subarray(5_242_870, 5_242_890))).toBe(true);
    store.close();
  });

  // s3rver checks the key id but not a v4 signature's secret: a key it does not know stands for wrong credentials.
  it('stops the node at start naming the variable: unreachable endpoint, missing bucket, wrong credentials', async () => {
    const reason = (promise: Promise<void>) =>
      promise.then(
        () => 'started',
        (e: unknown) => e,
      );
    const unreachable = await reason(checkS3BlobStore({ ...s3.options(), endpoint: 'http://127.0.0.1:1' }));
    expect(unreachable).toBeInstanceOf(ConfigError);
    expect(String(unreachable)).toMatch(/S3_ENDPOINT/);
    const missing = await reason(checkS3BlobStore(s3.options('no-such-bucket')));
    expect(String(missing)).toMatch(/S3_BUCKET: bucket "no-such-bucket" does not exist/);
    const refused = await reason(
      checkS3BlobStore({ ...s3.options(), credentials: { accessKeyId: 'nobody', secretAccessKey: 'wrong' } }),
    );
    expect(String(refused)).toMatch(/AWS_ACCESS_KEY_ID/);
    await expect(checkS3BlobStore(s3.options('other'))).resolves.toBeUndefined();
  });
});
