import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureDatabase, withDatabaseName } from '../src/server/db/database.js';
import { startEmbeddedPostgres } from '../src/server/db/embedded.js';

/**
 * Fresh, empty databases for a run of `npm run fuzz` or `npm run soak`: on the server of DATABASE_URL when it is
 * set, else on an embedded PostgreSQL in a temp folder; `drop` removes them (and stops the embedded server).
 */
export async function scratchDatabases(
  count: number,
  serverUrl: string | undefined,
): Promise<{ urls: string[]; where: string; drop(): Promise<void> }> {
  let url = serverUrl;
  let stop = async () => {};
  let tmp: string | undefined;
  if (!url) {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-scratch-'));
    await fs.chmod(tmp, 0o755);
    const server = await startEmbeddedPostgres({ dir: path.join(tmp, 'postgres') });
    url = server.url;
    stop = server.stop;
  }
  const prefix = `cb_scratch_${randomBytes(4).toString('hex')}`;
  const names = Array.from({ length: count }, (_, i) => `${prefix}_${i}`);
  for (const name of names) await ensureDatabase(url, name);
  const server = url;
  return {
    urls: names.map((name) => withDatabaseName(server, name)),
    where: serverUrl ? 'the server of DATABASE_URL' : 'an embedded PostgreSQL',
    async drop() {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      for (const name of names) await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
      await stop();
      if (tmp) await fs.rm(tmp, { recursive: true, force: true });
    },
  };
}
