import { randomUUID } from 'node:crypto';
import { PassThrough, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { AppError } from '../../../domain/errors.js';
import { invalidSetting } from '../config-error.js';
import { createSha256Stream, isSha256Hex, type StreamDigest } from '../crypto/hash.js';
import type { ByteRange, BlobStore, StoredBlob } from './blob-store.js';
import { limitAndPeek } from './limit-and-peek.js';

/** How a node reaches its bucket (from BLOB_STORE=s3's variables; credentials absent: the SDK's default chain). */
export interface S3BlobStoreOptions {
  bucket: string;
  region: string;
  /** An S3-compatible server (MinIO, Ceph RGW, …); absent: AWS's own endpoint for the region. */
  endpoint?: string | undefined;
  forcePathStyle: boolean;
  /** Folder inside the bucket (no leading or trailing slash); empty: the bucket's root. */
  prefix?: string;
  credentials?:
    { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined } | undefined;
  /** Size of each multipart part (and what one upload holds in memory, times `queueSize`). Default 8 MiB. */
  partSize?: number;
  /** Parts sent at once. Default 2. */
  queueSize?: number;
  /** Called for each failed call to the store (the node counts them in /metrics). */
  onError?: (operation: string) => void;
}

/** An S3 store and the client under it, for the commands that walk the bucket (`blobs verify`). */
export interface S3BlobStore extends BlobStore {
  /** Every content's SHA-256 in the bucket, page by page. */
  list(): AsyncIterable<string>;
  /** Stops the client's sockets. */
  close(): void;
}

const statusOf = (error: unknown): number | undefined =>
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

const isNotFound = (error: unknown): boolean => {
  const name = (error as { name?: string }).name;
  return statusOf(error) === 404 || name === 'NotFound' || name === 'NoSuchKey';
};

/**
 * The S3-compatible driver (docs/decisions/0018): content-addressed like the disk store, under
 * `<prefix>/sha256/<hex>`. A write streams to `<prefix>/tmp/<uuid>` through the SDK's multipart `Upload`
 * (a few parts in memory, whatever the size), hashing on the way; only once the whole content is stored and
 * its hash known is it copied to its name (server-side) and the temporary object deleted — so a refused, failed
 * or mismatching write never leaves an object under a content's name, and a content already there is kept.
 */
export function createS3BlobStore(options: S3BlobStoreOptions): S3BlobStore {
  const config: S3ClientConfig = {
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    // Content is checked by its SHA-256; the SDK's own extra checksums are asked for only where S3 requires them
    // (and S3-compatible servers do not all know the newer ones).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  };
  const client = new S3Client(config);
  const bucket = options.bucket;
  const base = options.prefix ? `${options.prefix}/` : '';
  const keyOf = (sha256: string) => `${base}sha256/${sha256}`;
  const failed = (operation: string) => (error: unknown) => {
    if (!isNotFound(error)) options.onError?.(operation);
    throw error;
  };

  const exists = async (key: string): Promise<boolean> => {
    try {
      await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      return failed('head')(error);
    }
  };
  const removeKey = (key: string) =>
    client
      .send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))
      .then(() => undefined, failed('delete'));

  const open = async (sha256: string, range?: ByteRange): Promise<Readable> => {
    if (!isSha256Hex(sha256)) throw new AppError('documents.not_found');
    try {
      const answer = await client.send(
        new GetObjectCommand({
          Bucket: bucket,
          Key: keyOf(sha256),
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      return answer.Body as Readable;
    } catch (error) {
      if (isNotFound(error)) throw new AppError('documents.not_found');
      return failed('get')(error);
    }
  };

  return {
    async put(source: Readable, { maxBytes }): Promise<StoredBlob> {
      const tmp = `${base}tmp/${randomUUID()}`;
      const limiter = limitAndPeek(maxBytes);
      const hasher = createSha256Stream();
      const body = new PassThrough();
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key: tmp, Body: body },
        partSize: options.partSize ?? 8 * 1024 * 1024,
        queueSize: options.queueSize ?? 2,
        leavePartsOnError: false,
      });
      const uploaded = upload.done();
      uploaded.catch(() => undefined); // awaited below, or the pipeline's error wins
      try {
        try {
          await pipeline(source, limiter.stream, hasher.stream, body);
        } catch (error) {
          await upload.abort().catch(() => undefined);
          throw error;
        }
        await uploaded.catch(failed('put'));
        const { sha256, size } = await hasher.digest;
        const key = keyOf(sha256);
        if (!(await exists(key))) {
          await client
            .send(
              new CopyObjectCommand({ Bucket: bucket, Key: key, CopySource: `${bucket}/${encodeURI(tmp)}` }),
            )
            .catch(failed('copy'));
        }
        await removeKey(tmp);
        return { sha256, size, head: limiter.head() };
      } catch (error) {
        await removeKey(tmp).catch(() => undefined);
        throw error;
      }
    },
    get: open,
    async digest(sha256: string): Promise<StreamDigest> {
      const hasher = createSha256Stream();
      await pipeline(
        await open(sha256),
        hasher.stream,
        new Writable({ write: (_chunk, _enc, done) => done() }),
      );
      return hasher.digest;
    },
    async has(sha256: string): Promise<boolean> {
      return isSha256Hex(sha256) && exists(keyOf(sha256));
    },
    async remove(sha256: string): Promise<void> {
      if (isSha256Hex(sha256)) await removeKey(keyOf(sha256));
    },
    async *list(): AsyncIterable<string> {
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: `${base}sha256/`,
            ...(token ? { ContinuationToken: token } : {}),
          }),
        );
        for (const item of page.Contents ?? []) {
          const name = item.Key?.slice(`${base}sha256/`.length) ?? '';
          if (isSha256Hex(name)) yield name;
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
    close: () => client.destroy(),
  };
}

/**
 * Checks at start that the bucket answers: an endpoint that cannot be reached, a bucket that does not exist and
 * credentials it refuses each stop the node with a message naming the variable to fix.
 */
export async function checkS3BlobStore(options: S3BlobStoreOptions): Promise<void> {
  const client = new S3Client({
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    maxAttempts: 2,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  try {
    await client.send(new HeadBucketCommand({ Bucket: options.bucket }), {
      abortSignal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    const status = statusOf(error);
    const message = error instanceof Error ? error.message : String(error);
    if (status === 404 || (error as { name?: string }).name === 'NotFound')
      throw invalidSetting('S3_BUCKET', `bucket "${options.bucket}" does not exist at the endpoint`);
    if (status === 403 || status === 401)
      throw invalidSetting(
        'AWS_ACCESS_KEY_ID',
        `the store refused the credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) for bucket "${options.bucket}"`,
      );
    if (status === 301 || status === 400)
      throw invalidSetting(
        'S3_REGION',
        `the bucket answered ${status}: check S3_REGION ("${options.region}")`,
      );
    if (status === undefined && /credential/i.test(message))
      throw invalidSetting('AWS_ACCESS_KEY_ID', `no credentials: ${message}`);
    throw invalidSetting(
      'S3_ENDPOINT',
      `cannot reach ${options.endpoint ?? 'the region\u2019s endpoint'}: ${message}`,
    );
  } finally {
    client.destroy();
  }
}
