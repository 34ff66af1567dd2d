import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../src/server/db/client.js';

/**
 * `--profile DIR`: what the timed window spent, seen from outside the node — the two views that told
 * the truth on a shared VM (docs/decisions/0006, fifth pass). The V8 inspector's samples are wall
 * time (a process descheduled after waking PostgreSQL shows up as `writev`), so instead:
 *
 * - `perf record -a -e cpu-clock` over the window (when Debian's linux-perf is installed), printed as
 *   each process's share of all cores;
 * - PostgreSQL's `pg_stat_statements` (the embedded server loads it when profiling), reset at the
 *   start of the window and printed at its end: calls, time and buffers of the costliest statements.
 */
export interface WindowProfile {
  /** Call at the end of the timed window: prints what was seen (and leaves `perf.data` in the folder). */
  stop(): Promise<void>;
}

/** The embedded server's extra settings when profiling. */
export const PROFILING_SETTINGS = [
  'shared_preload_libraries=pg_stat_statements',
  'pg_stat_statements.track=all',
];

export async function startWindowProfile(dir: string, db: Db): Promise<WindowProfile> {
  await fs.mkdir(dir, { recursive: true });
  const statements = await sql`create extension if not exists pg_stat_statements`
    .execute(db)
    .then(async () => {
      await sql`select pg_stat_statements_reset()`.execute(db);
      return true;
    })
    .catch(() => false);
  const perfData = path.join(dir, 'perf.data');
  const perf = hasPerf()
    ? spawn('perf', ['record', '-a', '-e', 'cpu-clock', '-F', '999', '-o', perfData], { stdio: 'ignore' })
    : null;
  return {
    async stop() {
      if (perf) await stopPerf(perf, perfData);
      else process.stdout.write('  profile: perf not installed (apt-get install linux-perf)\n');
      if (statements) await printStatements(db);
      else process.stdout.write('  profile: pg_stat_statements not available on this server\n');
    },
  };
}

function hasPerf(): boolean {
  return spawnSync('perf', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function stopPerf(perf: ChildProcess, perfData: string): Promise<void> {
  perf.kill('SIGINT');
  await once(perf, 'exit');
  const report = spawnSync('perf', ['report', '-i', perfData, '--sort', 'comm', '--stdio'], {
    encoding: 'utf8',
  });
  const lines = report.stdout.split('\n').filter((line) => /^\s+\d/.test(line));
  process.stdout.write(`  profile: share of all cores by process (${perfData})\n`);
  for (const line of lines.slice(0, 8)) process.stdout.write(`    ${line.trim()}\n`);
}

async function printStatements(db: Db): Promise<void> {
  const { rows } = await sql<{ calls: number; ms: string; blocks: number; query: string }>`
    select calls, round(total_exec_time::numeric, 1)::text as ms,
           shared_blks_hit + shared_blks_read as blocks,
           left(regexp_replace(query, '\\s+', ' ', 'g'), 100) as query
    from pg_stat_statements order by total_exec_time desc limit 15`.execute(db);
  process.stdout.write('  profile: costliest statements in the window (calls · ms · buffers · statement)\n');
  for (const r of rows) process.stdout.write(`    ${r.calls} · ${r.ms} · ${r.blocks} · ${r.query}\n`);
}
