/**
 * `npm run fuzz [-- --requests N --seed S --only I]`
 *
 * The API fuzzer's long run (its bounded run is test/fuzz/api.fuzz.test.ts in `npm test`): N requests (default
 * 100 000) built from the node's OpenAPI document, by every role and anonymous, on a fresh node (a new database
 * of the DATABASE_URL server, else an embedded PostgreSQL); prints every 5xx, leak and write by a refused
 * request it finds, and whether the happy path still works after. `--only I` replays request I of the seed alone.
 * Exits 1 when it found anything.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createDb } from '../src/server/db/client.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedReference } from '../src/server/db/reference/seed-reference.js';
import { createNodeDeps } from '../src/server/node-deps.js';
import { systemClock } from '../src/server/platform/clock.js';
import { TEST_NODE_ID } from '../test/factories.js';
import { errorCollectingLogger } from '../test/fuzz/error-log.js';
import { formatFindings, runFuzz } from '../test/fuzz/fuzz-run.js';
import { scratchDatabases } from './scratch-databases.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '100000' },
    seed: { type: 'string' },
    only: { type: 'string' },
  },
});
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
const requests = Number(values.requests);

const databases = await scratchDatabases(1, process.env.DATABASE_URL);
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-fuzz-'));
const db = createDb(databases.urls[0]!, { max: 5 });
const errors = errorCollectingLogger();
let exitCode = 0;
try {
  await migrate(db);
  await seedReference(db);
  // Every role signs in with a password alone, administrators too, as in the bounded run (test/app.ts).
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    NODE_ID: TEST_NODE_ID,
    TOTP_REQUIRED_ROLES: '',
  });
  const deps = await createNodeDeps({ config, db, clock: systemClock, log: errors.log });
  const app = await buildApp(deps);
  await app.ready();
  console.log(
    `fuzz: seed ${seed}, ${values.only !== undefined ? `request ${values.only} only` : `${requests} requests`}, on ${databases.where}`,
  );
  const result = await runFuzz(
    { app, db, exchange: deps.exchange, clock: systemClock, errors: errors.lines },
    {
      seed,
      requests,
      ...(values.only !== undefined ? { only: Number(values.only) } : {}),
      progress: (done, found) => {
        if (done % 5000 === 0) console.log(`fuzz: ${done} requests, ${found} findings so far`);
      },
    },
  );
  console.log(formatFindings(result));
  exitCode = result.findings.some((f) => f.kind !== 'unsendable') ? 1 : 0;
  await app.close();
} finally {
  await db.destroy();
  await databases.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
