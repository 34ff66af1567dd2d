import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../server/config.js';
import { listRecordedBlobs } from '../server/modules/documents/index.js';
import type { BlobStore } from '../server/platform/blob-store/blob-store.js';
import { checkBlobStore, openBlobStore } from '../server/platform/blob-store/open-blob-store.js';
import { isSha256Hex } from '../server/platform/crypto/hash.js';
import { withDatabase } from './cli-context.js';
import { CliError, type CliIo } from './cli-error.js';

/** Exit code when `blobs verify` finds a content missing or corrupt, or `blobs migrate` a corrupt source. */
export const BLOBS_BAD_EXIT = 2;

/** Every content of a disk store (`<root>/ab/cd/<sha256>`), in hash order, with its size. */
async function diskContents(root: string): Promise<{ sha256: string; file: string; size: number }[]> {
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const found = await Promise.all(
    entries
      .filter((e) => e.isFile() && isSha256Hex(e.name) && path.basename(e.parentPath) !== 'tmp')
      .map(async (e) => {
        const file = path.join(e.parentPath, e.name);
        return { sha256: e.name, file, size: (await fs.stat(file)).size };
      }),
  );
  return found.sort((a, b) => a.sha256.localeCompare(b.sha256));
}

const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(1);

/**
 * `casebridge blobs migrate --to s3`: copies the node's disk store (`DATA_DIR/blobs`) into the bucket that
 * S3_BUCKET (and S3_ENDPOINT, S3_REGION, …) names, whatever BLOB_STORE says now. Each content is re-hashed
 * while it is uploaded and kept only if it hashes to its name; a content already in the bucket is skipped, so
 * an interrupted run resumes where it stopped. Prints progress every `progressEvery` contents and a summary.
 * Exit 0 when every content is in the bucket, 2 when a source file is corrupt (named; not uploaded).
 */
export async function runBlobsMigrate(
  config: Config,
  options: { to: string; progressEvery?: number },
  io: CliIo,
): Promise<number> {
  if (options.to !== 's3') throw new CliError(`blobs migrate: --to must be s3 (not "${options.to}")`);
  const s3Settings = config.s3;
  if (!s3Settings)
    throw new CliError('blobs migrate --to s3: set S3_BUCKET (and S3_ENDPOINT, S3_REGION, …) first');
  await checkBlobStore(s3Settings);
  const target = openBlobStore(s3Settings);
  const root = path.join(config.dataDir, 'blobs');
  const contents = await diskContents(root);
  const total = contents.reduce((sum, c) => sum + c.size, 0);
  io.out(`migrating ${contents.length} contents (${mb(total)} MB) from ${root} to s3://${s3Settings.bucket}`);
  const every = options.progressEvery ?? 100;
  const counts = { copied: 0, skipped: 0, corrupt: 0, bytes: 0 };
  const started = Date.now();
  for (const [i, content] of contents.entries()) {
    if (await target.has(content.sha256)) counts.skipped += 1;
    else {
      const stored = await target.put(createReadStream(content.file), { maxBytes: Number.MAX_SAFE_INTEGER });
      if (stored.sha256 === content.sha256) counts.copied += 1;
      else {
        // Not what its name says: never leave the bytes in the bucket under any name.
        await target.remove(stored.sha256);
        counts.corrupt += 1;
        io.out(`CORRUPT ${content.sha256}: the file hashes to ${stored.sha256}; not migrated`);
      }
    }
    counts.bytes += content.size;
    if ((i + 1) % every === 0 || i + 1 === contents.length) {
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      io.out(
        `${i + 1}/${contents.length} contents, ${mb(counts.bytes)}/${mb(total)} MB (${mb(counts.bytes / seconds)} MB/s): ${counts.copied} copied, ${counts.skipped} already there, ${counts.corrupt} corrupt`,
      );
    }
  }
  io.out(
    counts.corrupt === 0
      ? `OK: every content is in s3://${s3Settings.bucket}; set BLOB_STORE=s3 and restart the node`
      : `${counts.corrupt} corrupt content(s) not migrated (see above); the rest is in s3://${s3Settings.bucket}`,
  );
  return counts.corrupt === 0 ? 0 : BLOBS_BAD_EXIT;
}

/**
 * `casebridge blobs verify [--sample N]`: re-hashes every content the database records (or N picked at random)
 * in the store BLOB_STORE names, and reports each that is missing or does not hash to its name.
 * Exit 0 when all are sound, 2 otherwise.
 */
export async function runBlobsVerify(
  config: Config,
  options: { sample?: number },
  io: CliIo,
): Promise<number> {
  await checkBlobStore(config.blobStore);
  const store: BlobStore = openBlobStore(config.blobStore);
  const recorded = await withDatabase(config, 'require-migrated', ({ db }) =>
    listRecordedBlobs(db, options.sample === undefined ? {} : { sample: options.sample }),
  );
  let missing = 0;
  let corrupt = 0;
  for (const blob of recorded) {
    const digest = await store.digest(blob.sha256).catch((error: unknown) => {
      if ((error as { code?: string }).code === 'documents.not_found') return null;
      throw error;
    });
    if (digest === null) {
      missing += 1;
      io.out(`MISSING ${blob.sha256}`);
    } else if (digest.sha256 !== blob.sha256 || digest.size !== blob.size) {
      corrupt += 1;
      io.out(`CORRUPT ${blob.sha256}: holds ${digest.size} bytes hashing to ${digest.sha256}`);
    }
  }
  const what = options.sample === undefined ? 'all' : `a sample of`;
  io.out(
    missing + corrupt === 0
      ? `OK: ${what} ${recorded.length} contents verified in the ${config.blobStore.kind} store`
      : `BAD: ${missing} missing, ${corrupt} corrupt of ${recorded.length} verified in the ${config.blobStore.kind} store`,
  );
  return missing + corrupt === 0 ? 0 : BLOBS_BAD_EXIT;
}
