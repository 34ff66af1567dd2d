import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
// s3rver ships no types; it is a real S3-protocol server (Koa over a folder), started on a random port.
// @ts-expect-error -- no declaration file
import S3rver from 's3rver';
import type { S3BlobStoreOptions } from '../src/server/platform/blob-store/s3-blob-store.js';

/** s3rver's fixed credentials: it checks each request's signature against them. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface TestS3Server {
  endpoint: string;
  /** Options for a store on `bucket` (default: the server's first bucket). */
  options(bucket?: string): S3BlobStoreOptions;
  /** The environment of a node using this server's first bucket. */
  env: Record<string, string>;
  /** Where s3rver keeps the objects (`<dir>/<bucket>/<key>._S3rver_object`). */
  dir: string;
  stop(): Promise<void>;
}

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}

/** Starts a real S3-protocol server on 127.0.0.1 with a random port, with the buckets named (created empty). */
export async function startS3Server(buckets: string[] = ['casebridge']): Promise<TestS3Server> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-s3-'));
  const server = new (S3rver as new (options: object) => S3rverInstance)({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const first = buckets[0] ?? 'casebridge';
  return {
    endpoint,
    dir,
    options: (bucket = first) => ({
      bucket,
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      credentials: S3RVER_CREDENTIALS,
    }),
    env: {
      BLOB_STORE: 's3',
      S3_BUCKET: first,
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      // The SDK warns once per process, on stderr, that its releases after January 2027 need Node 22
      // (README, configuration); the tests that read a child's stderr would see it.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    async stop() {
      await server.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
