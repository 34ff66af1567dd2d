// `npx tsx bench/blob-stores.ts [--mb 1024]`: streams one generated content of N MB into the disk store and into
// the S3 store (an s3rver bucket on 127.0.0.1, started here, in its own process), printing MB/s and this
// process's peak RSS over the upload. Never part of npm test.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createFsBlobStore } from '../src/server/platform/blob-store/fs-blob-store.js';
import { createS3BlobStore } from '../src/server/platform/blob-store/s3-blob-store.js';
import type { BlobStore } from '../src/server/platform/blob-store/blob-store.js';
import { findFreePort } from '../test/free-port.js';

const mbArg = process.argv.indexOf('--mb');
const mb = mbArg > 0 ? Number(process.argv[mbArg + 1]) : 1024;
const chunk = Buffer.alloc(1024 * 1024, 7);
const source = () =>
  Readable.from(
    (function* () {
      for (let i = 0; i < mb; i++) yield chunk;
    })(),
  );

async function measure(name: string, store: BlobStore): Promise<void> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = process.hrtime.bigint();
  await store.put(source(), { maxBytes: mb * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  console.log(
    `${name}: ${mb} MB in ${seconds.toFixed(1)} s = ${(mb / seconds).toFixed(0)} MB/s; RSS ${(before / 2 ** 20).toFixed(0)} MB before, peak +${((peak - before) / 2 ** 20).toFixed(0)} MB`,
  );
}

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-bench-blobs-'));
const port = await findFreePort();
const s3rver = spawn(
  process.execPath,
  [
    'node_modules/.bin/s3rver',
    '-d',
    path.join(dir, 's3'),
    '-a',
    '127.0.0.1',
    '-p',
    String(port),
    '-s',
    '--configure-bucket',
    'bench',
  ],
  { stdio: 'ignore' },
);
await new Promise((resolve) => setTimeout(resolve, 1500));
try {
  await measure('disk', createFsBlobStore(path.join(dir, 'disk')));
  await fs.rm(path.join(dir, 'disk'), { recursive: true, force: true });
  const s3 = createS3BlobStore({
    bucket: 'bench',
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  await measure('S3 (s3rver on loopback)', s3);
  s3.close();
} finally {
  s3rver.kill('SIGTERM');
  await fs.rm(dir, { recursive: true, force: true });
}
