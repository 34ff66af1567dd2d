/**
 * `npm run soak [-- --kills N --seed S --max-life-ms M --spares P]`
 *
 * The crash soak's long run (its bounded run is test/soak/crash-soak.test.ts in `npm test`): two nodes as child
 * processes, a station on one sending cases to an office on the other under steady load, the sender and the
 * receiver SIGKILLed N times (default 100) at random moments and restarted; then prints the kills, the cases
 * sent and received (each exactly once?), the time the outboxes took to drain, and whether both audit chains
 * and the evidence bundles verify. Databases: two new ones on the DATABASE_URL server, else an embedded
 * PostgreSQL in each node's data folder. Exits 1 when anything is wrong.
 */
import { parseArgs } from 'node:util';
import { formatSoak, runCrashSoak, soakHeld } from '../test/soak/crash-soak.js';
import { scratchDatabases } from './scratch-databases.js';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '100' },
    seed: { type: 'string' },
    'max-life-ms': { type: 'string', default: '3000' },
    spares: { type: 'string', default: '2' },
  },
});
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
const serverUrl = process.env.DATABASE_URL;
const databases = serverUrl ? await scratchDatabases(2, serverUrl) : null;
let exitCode = 1;
try {
  console.log(
    `soak: ${values.kills} kills, seed ${seed}, on ${serverUrl ? 'two databases of DATABASE_URL' : 'an embedded PostgreSQL per node'}`,
  );
  const result = await runCrashSoak({
    kills: Number(values.kills),
    seed,
    databaseUrls: databases ? [databases.urls[0]!, databases.urls[1]!] : null,
    maxLifeMs: Number(values['max-life-ms']),
    spares: Number(values.spares),
    log: (line) => console.log(line),
  });
  console.log(formatSoak(result));
  exitCode = soakHeld(result) ? 0 : 1;
} finally {
  await databases?.drop();
}
process.exit(exitCode);
