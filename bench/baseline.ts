import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../src/server/db/client.js';

/** The machine's own speed, measured in the same run as the benchmark, so that ratios mean something. */
export interface Baseline {
  commitsPerSecond: number;
  sha256MBps: number;
  ed25519SignsPerSecond: number;
}

/** Single-row INSERT + COMMIT, one after another, for `ms` milliseconds: the database's durable write rate. */
export async function measureCommits(db: Db, ms = 2000): Promise<number> {
  await sql`create table if not exists bench_commits (id bigserial primary key, at timestamptz not null default now())`.execute(
    db,
  );
  const end = performance.now() + ms;
  let n = 0;
  const start = performance.now();
  while (performance.now() < end) {
    await db.transaction().execute((tx) => sql`insert into bench_commits default values`.execute(tx));
    n++;
  }
  await sql`drop table if exists bench_commits`.execute(db);
  return n / ((performance.now() - start) / 1000);
}

/** SHA-256 over 64 MiB in 1 MiB chunks. */
export function measureSha256(): number {
  const chunk = Buffer.alloc(1024 * 1024, 7);
  const hash = createHash('sha256');
  const start = performance.now();
  for (let i = 0; i < 64; i++) hash.update(chunk);
  hash.digest();
  return 64 / ((performance.now() - start) / 1000);
}

/** Ed25519 signatures over a 1 KiB message for one second. */
export function measureEd25519(): number {
  const { privateKey } = generateKeyPairSync('ed25519');
  const message = Buffer.alloc(1024, 1);
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < 1000) {
    sign(null, message, privateKey);
    n++;
  }
  return n / ((performance.now() - start) / 1000);
}

/** All three baselines. */
export async function measureBaseline(db: Db): Promise<Baseline> {
  return {
    commitsPerSecond: await measureCommits(db),
    sha256MBps: measureSha256(),
    ed25519SignsPerSecond: measureEd25519(),
  };
}

/** The median and the given percentiles of a list of numbers. */
export function percentiles(values: number[], ps: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return ps.map((p) => {
    if (sorted.length === 0) return Number.NaN;
    const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
    return sorted[rank] ?? Number.NaN;
  });
}
