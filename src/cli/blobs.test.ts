import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';
import { useTestDatabase } from '../../test/db.js';
import { startS3Server, type TestS3Server } from '../../test/s3.js';
import { createFsBlobStore } from '../server/platform/blob-store/fs-blob-store.js';
import { createS3BlobStore } from '../server/platform/blob-store/s3-blob-store.js';
import { sha256Hex } from '../server/platform/crypto/hash.js';
import { loadConfig } from '../server/config.js';
import { runBlobsMigrate, runBlobsVerify } from './blobs.js';
import type { CliIo } from './cli-error.js';

/** Runs a command's function here, keeping what it printed. */
async function inProcess(run: (io: CliIo) => Promise<number>): Promise<{ code: number; stdout: string }> {
  const lines: string[] = [];
  const code = await run({ out: (line) => lines.push(line), err: (line) => lines.push(line) });
  return { code, stdout: lines.join('\n') };
}

let s3: TestS3Server;
let dataDir: string;
beforeAll(async () => {
  s3 = await startS3Server(['migrated']);
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-blobs-cli-'));
});
afterAll(async () => {
  await s3.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const contents = ['a scanned report', 'a photo of the scene', 'x'.repeat(300_000)].map((t) => Buffer.from(t));

describe('casebridge blobs migrate --to s3 and blobs verify', () => {
  it('copies a disk store into the bucket verifying each hash, skips a corrupt file, resumes, and verify finds what is missing or corrupt', async () => {
    const disk = createFsBlobStore(path.join(dataDir, 'blobs'));
    for (const content of contents) await disk.put(Readable.from([content]), { maxBytes: 1_000_000 });
    // A file whose bytes no longer hash to its name (a disk that flipped a bit).
    const rotten = sha256Hex('the original');
    await fs.mkdir(path.join(dataDir, 'blobs', rotten.slice(0, 2), rotten.slice(2, 4)), { recursive: true });
    await fs.writeFile(
      path.join(dataDir, 'blobs', rotten.slice(0, 2), rotten.slice(2, 4), rotten),
      'changed',
    );
    const env = { ...s3.env, BLOB_STORE: 'disk', DATA_DIR: dataDir };

    const first = await runCli(['blobs', 'migrate', '--to', 's3', '--progress-every', '2'], { env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(2);
    expect(first.stdout).toContain('migrating 4 contents');
    expect(first.stdout).toContain('2/4 contents');
    expect(first.stdout).toContain(
      `CORRUPT ${rotten}: the file hashes to ${sha256Hex('changed')}; not migrated`,
    );
    expect(first.stdout).toContain('4/4 contents, 0.3/0.3 MB');
    expect(first.stdout).toMatch(/3 copied, 0 already there, 1 corrupt/);

    const bucket = createS3BlobStore(s3.options('migrated'));
    const inBucket: string[] = [];
    for await (const name of bucket.list()) inBucket.push(name);
    expect(inBucket.sort()).toEqual(contents.map((c) => sha256Hex(c)).sort());
    for (const content of contents)
      expect(await bucket.digest(sha256Hex(content))).toEqual({
        sha256: sha256Hex(content),
        size: content.length,
      });

    // Run again (as after an interruption): nothing is copied twice.
    await fs.rm(path.join(dataDir, 'blobs', rotten.slice(0, 2)), { recursive: true, force: true });
    // The rest runs in this process (each command's process costs seconds of CI on a shared machine).
    const again = await inProcess((io) => runBlobsMigrate(loadConfig(env), { to: 's3' }, io));
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 copied, 3 already there, 0 corrupt/);
    expect(again.stdout).toContain('OK: every content is in s3://migrated');

    // The database records the three, plus one the store never had; one object is then overwritten.
    const { db, url } = await useTestDatabase();
    const never = sha256Hex('never stored');
    for (const [sha, size] of [
      ...contents.map((c) => [sha256Hex(c), c.length] as const),
      [never, 5] as const,
    ])
      await sql`insert into blobs (sha256, size, media_type) values (${sha}, ${size}, 'text/plain')`.execute(
        db,
      );
    const s3Env = { ...s3.env, DATA_DIR: dataDir, DATABASE_URL: url };
    const client = new S3Client({ ...s3.options('migrated') });
    const damaged = sha256Hex(contents[0] ?? '');
    await client.send(
      new PutObjectCommand({ Bucket: 'migrated', Key: `sha256/${damaged}`, Body: 'tampered' }),
    );
    client.destroy();

    const verify = await inProcess((io) => runBlobsVerify(loadConfig(s3Env), {}, io));
    expect(verify.code).toBe(2);
    expect(verify.stdout).toContain(`MISSING ${never}`);
    expect(verify.stdout).toContain(`CORRUPT ${damaged}: holds 8 bytes hashing to ${sha256Hex('tampered')}`);
    expect(verify.stdout).toContain('BAD: 1 missing, 1 corrupt of 4 verified in the s3 store');

    await sql`delete from blobs where sha256 in (${never}, ${damaged})`.execute(db);
    const sample = await inProcess((io) => runBlobsVerify(loadConfig(s3Env), { sample: 1 }, io));
    expect(sample.code).toBe(0);
    expect(sample.stdout).toContain('OK: a sample of 1 contents verified in the s3 store');
    bucket.close();
  });

  it('refuses to migrate without a bucket, naming the variable', async () => {
    await expect(
      inProcess((io) => runBlobsMigrate(loadConfig({ DATA_DIR: dataDir }), { to: 's3' }, io)),
    ).rejects.toThrow(/set S3_BUCKET/);
  });
});
