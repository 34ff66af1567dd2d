import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { nationalIdCheckDigit } from '../src/domain/national-id.js';
import type { AppDeps } from '../src/server/app-deps.js';
import { loadConfig } from '../src/server/config.js';
import { createDb } from '../src/server/db/client.js';
import { ensureDatabase, withDatabaseName } from '../src/server/db/database.js';
import { startEmbeddedPostgres } from '../src/server/db/embedded.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedReference } from '../src/server/db/reference/seed-reference.js';
import {
  createOrganisation,
  setJurisdictionRule,
} from '../src/server/modules/organisations/organisations.usecase.js';
import { createUser } from '../src/server/modules/users/users.usecase.js';
import { createNodeDeps } from '../src/server/node-deps.js';
import { systemClock } from '../src/server/platform/clock.js';
import { createLogger } from '../src/server/platform/logger.js';
import type { Actors } from './round-trips.js';

/** A node set up for the benchmark: a fresh database, a station, its office, and three users. */
export interface BenchNode {
  deps: AppDeps;
  actors: Actors;
  version: string;
  nationalIds: () => string;
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/** A fresh node on the embedded PostgreSQL (in a temp folder) or on a new database of the DATABASE_URL server. */
export async function openBenchNode(
  kind: 'embedded' | 'server',
  options: { embeddedSettings?: string[] } = {},
): Promise<BenchNode> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-bench-'));
  await fs.chmod(dataDir, 0o755);
  let serverUrl: string;
  let stopServer = async () => {};
  if (kind === 'embedded') {
    const server = await startEmbeddedPostgres({
      dir: path.join(dataDir, 'postgres'),
      settings: options.embeddedSettings,
    });
    serverUrl = server.url;
    stopServer = server.stop;
  } else {
    serverUrl = process.env.DATABASE_URL ?? '';
  }
  const name = `cb_bench_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(serverUrl, name);
  // The node's own pool size (DATABASE_POOL_SIZE, else two per core plus one): the lanes queue for connections as requests would.
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ID: 'bench' });
  const db = createDb(withDatabaseName(serverUrl, name), {
    max: config.databasePoolSize,
    ...config.databaseClient,
  });
  await migrate(db);
  await seedReference(db);
  const version =
    (await sql<{ server_version: string }>`show server_version`.execute(db)).rows[0]?.server_version ??
    'unknown';
  const deps = await createNodeDeps({ config, db, clock: systemClock, log: createLogger('silent') });

  const org = (code: string, kind: 'station' | 'prosecutor_office') =>
    createOrganisation({
      db,
      clock: systemClock,
      actor: null,
      nodeId: 'bench',
      body: { code, kind, nameFa: code, nameEn: code, provinceCode: 'IR-23', countyCode: 'IR-23-BENCH' },
    });
  const station = await org('KL-BENCH', 'station');
  const office = await org('DA-BENCH', 'prosecutor_office');
  await setJurisdictionRule({
    db,
    clock: systemClock,
    actor: null,
    rule: { countyCode: 'IR-23-BENCH', prosecutorOfficeId: office.id },
  });
  const user = async (orgId: string, role: 'station.officer' | 'station.chief' | 'prosecutor.clerk') => {
    const u = await createUser({
      db,
      clock: systemClock,
      actor: null,
      body: {
        orgId,
        username: role.replace('.', '-'),
        displayName: role,
        role,
        password: randomBytes(12).toString('hex'),
      },
    });
    return { userId: u.id, orgId, role };
  };
  const actors = {
    officer: await user(station.id, 'station.officer'),
    chief: await user(station.id, 'station.chief'),
    clerk: await user(office.id, 'prosecutor.clerk'),
  };

  let counter = 100_000_000;
  const nationalIds = () => {
    const first9 = String(counter++).padStart(9, '0');
    return first9 + String(nationalIdCheckDigit(first9));
  };
  return {
    deps,
    actors,
    version,
    nationalIds,
    url: withDatabaseName(serverUrl, name),
    dataDir,
    close: async () => {
      await db.destroy();
      if (kind === 'server') {
        const admin = createDb(serverUrl, { max: 1 });
        await sql.raw(`drop database if exists "${name}" with (force)`).execute(admin);
        await admin.destroy();
      }
      await stopServer();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
