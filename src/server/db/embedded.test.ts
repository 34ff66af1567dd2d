import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createDb } from './client.js';
import { embeddedUrl, startEmbeddedPostgres } from './embedded.js';
import { checkServerSettings } from './server-settings.js';

async function queryOne<T>(url: string, text: string): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows[0] as T;
  } finally {
    await client.end();
  }
}

async function serverPid(url: string): Promise<number> {
  return (await queryOne<{ pid: number }>(url, 'select pg_backend_pid() as pid')).pid;
}

describe('the URL of the embedded PostgreSQL', () => {
  it('goes through the Unix socket in the cluster folder', () => {
    const url = new URL(embeddedUrl({ dir: '/var/lib/casebridge/postgres', port: 54123, password: 'pw' }));
    expect(url.searchParams.get('host')).toBe('/var/lib/casebridge/postgres');
    expect(url.port).toBe('54123'); // names the socket file: .s.PGSQL.54123
    expect(url.pathname).toBe('/postgres');
  });

  it('falls back to 127.0.0.1 when the folder is too long for a socket path', () => {
    const url = new URL(embeddedUrl({ dir: `/data/${'x'.repeat(100)}`, port: 54123, password: 'pw' }));
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.has('host')).toBe(false);
  });

  it(
    'starts with the settings given, joins the server another process runs on the same cluster, and leaves stopping it to that process',
    { timeout: 120_000 },
    async () => {
      const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-embedded-'));
      await fs.chmod(folder, 0o755);
      const dir = path.join(folder, 'postgres');
      // With a setting of the caller's (the benchmark's profile loads pg_stat_statements this way).
      const owner = await startEmbeddedPostgres({ dir, settings: ['work_mem=7MB'] });
      try {
        expect(await queryOne(owner.url, 'show work_mem')).toEqual({ work_mem: '7MB' });
        // Its own settings are none the node warns about (autovacuum on, a 5-second nap).
        const db = createDb(owner.url, { max: 1 });
        expect(await checkServerSettings(db)).toEqual([]);
        await db.destroy();
        const guest = await startEmbeddedPostgres({ dir });
        expect(new URL(guest.url).port).toBe(new URL(owner.url).port);
        expect(await serverPid(guest.url)).toBeGreaterThan(0);
        await guest.stop();
        expect(await serverPid(owner.url)).toBeGreaterThan(0); // still running
      } finally {
        await owner.stop();
        await fs.rm(folder, { recursive: true, force: true });
      }
    },
  );
});
