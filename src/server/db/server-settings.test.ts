import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDb } from './client.js';
import { startEmbeddedPostgres } from './embedded.js';
import { checkServerSettings } from './server-settings.js';

describe('the PostgreSQL settings the node warns about', () => {
  it(
    'names autovacuum switched off, and a nap between its visits longer than a minute',
    { timeout: 120_000 },
    async () => {
      const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-settings-'));
      await fs.chmod(folder, 0o755);
      const server = await startEmbeddedPostgres({
        dir: path.join(folder, 'postgres'),
        settings: ['autovacuum_naptime=120'],
      });
      const db = createDb(server.url, { max: 1 });
      try {
        expect(await checkServerSettings(db)).toEqual([
          expect.objectContaining({ setting: 'autovacuum_naptime', value: '120s' }),
        ]);
        await sql`alter system set autovacuum = off`.execute(db);
        await sql`select pg_reload_conf()`.execute(db);
        await expect
          .poll(() => checkServerSettings(db), { timeout: 10_000 })
          .toEqual([expect.objectContaining({ setting: 'autovacuum', value: 'off' })]);
      } finally {
        await db.destroy();
        await server.stop();
        await fs.rm(folder, { recursive: true, force: true });
      }
    },
  );
});
