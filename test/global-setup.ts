import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDb } from '../src/server/db/client.js';
import { ensureDatabase, withDatabaseName } from '../src/server/db/database.js';
import { startEmbeddedPostgres } from '../src/server/db/embedded.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedReference } from '../src/server/db/reference/seed-reference.js';

/**
 * Starts the PostgreSQL the tests run on — the server in DATABASE_URL, or an embedded one in a temp
 * folder — and migrates a template database once; each test file then clones it (test/db.ts).
 */
export default async function setup(project: TestProject) {
  const runTmp = await useRunTempFolder();
  let serverUrl = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let tmp: string | undefined;
  if (!serverUrl) {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-test-'));
    await fs.chmod(tmp, 0o755);
    const server = await startEmbeddedPostgres({ dir: path.join(tmp, 'postgres') });
    serverUrl = server.url;
    stopEmbedded = server.stop;
    stopWithTheRun(server.pid);
  }
  const template = `cb_template_${process.pid}`;
  await ensureDatabase(serverUrl, template);
  const db = createDb(withDatabaseName(serverUrl, template));
  await migrate(db);
  await seedReference(db);
  await db.destroy();
  project.provide('dbServerUrl', serverUrl);
  project.provide('dbTemplate', template);
  project.provide('dbKind', stopEmbedded ? 'embedded' : 'server');
  console.log(`[tests] PostgreSQL: ${stopEmbedded ? 'embedded' : 'server from DATABASE_URL'}`);

  return async () => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    const left = await client.query<{ datname: string }>(
      `select datname from pg_database where datname like $1 or datname = $2`,
      [`cb\\_t\\_${process.pid}\\_%`, template],
    );
    for (const { datname } of left.rows)
      await client.query(`drop database if exists "${datname}" with (force)`);
    await client.end();
    await stopEmbedded?.();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
    if (runTmp) await fs.rm(runTmp, { recursive: true, force: true });
  };
}

/**
 * An interrupted run (Ctrl+C, SIGTERM) ends without its teardown: the embedded server would outlive it.
 * A fast shutdown is asked for on the way out; the signal then takes its usual course.
 */
function stopWithTheRun(postmaster: number): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      try {
        process.kill(postmaster, 'SIGINT');
      } catch {
        // already stopped
      }
      // With no other listener left, the signal's default action (ending the process) is what was asked for.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

/**
 * Points TMPDIR (and so `os.tmpdir()`) of the run's test workers and the processes they start at a folder of
 * the run's own, removed when the run ends: whatever a test leaves in the temp folder goes with it. Returns
 * the folder when this call made it (a second project's setup in the same run reuses it).
 */
async function useRunTempFolder(): Promise<string | undefined> {
  if (path.basename(os.tmpdir()).startsWith('casebridge-run-')) return undefined;
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-run-'));
  await fs.chmod(folder, 0o755); // the embedded PostgreSQL's user must be able to pass through
  process.env.TMPDIR = folder;
  return folder;
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbServerUrl: string;
    dbTemplate: string;
    dbKind: 'embedded' | 'server';
  }
}
