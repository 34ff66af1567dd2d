/**
 * `npm run bench:clocks [-- --clocks 100000 --due 100 --ticks 30]`
 *
 * The legal clocks' scheduler under load: N live clocks (custody and order clocks, their next thresholds
 * spread over the next 30 days), then the scheduler's tick timed — idle (nothing due, the common case) and
 * with `--due` clocks due at once (each fires its alert, its notifications and its audit entry). On the
 * server of DATABASE_URL when set, else an embedded PostgreSQL. Never part of `npm test`; the issue's bar is
 * a tick under 100 ms with 100,000 live clocks.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createDb } from '../src/server/db/client.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedReference } from '../src/server/db/reference/seed-reference.js';
import { fireDueClocks } from '../src/server/modules/clocks/index.js';
import { fixedClock } from '../src/server/platform/clock.js';
import { createLogger } from '../src/server/platform/logger.js';
import { scratchDatabases } from './scratch-databases.js';

const { values } = parseArgs({
  options: {
    clocks: { type: 'string', default: '100000' },
    due: { type: 'string', default: '100' },
    ticks: { type: 'string', default: '30' },
  },
});
const N = Number(values.clocks);
const DUE = Number(values.due);
const TICKS = Number(values.ticks);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0;

const scratch = await scratchDatabases(1, process.env.DATABASE_URL);
const db = createDb(scratch.urls[0]!, { max: 4, batching: true });
try {
  await migrate(db);
  await seedReference(db);
  const orgId = randomUUID();
  await sql`insert into counties (code, province_code, name_fa, name_en) values ('IR-23-C01', 'IR-23', 'شهرستان', 'County') on conflict do nothing`.execute(
    db,
  );
  await db
    .insertInto('organisations')
    .values({
      id: orgId,
      code: 'KL-BENCH',
      kind: 'station',
      name_fa: 'کلانتری',
      name_en: 'Station',
      province_code: 'IR-23',
      county_code: 'IR-23-C01',
      node_id: 'bench',
    })
    .execute();
  const now = new Date('2026-11-01T08:00:00Z');
  const started = performance.now();
  // N clocks whose next threshold lies between one minute and 30 days ahead.
  await sql`
    insert into clocks (id, org_id, kind, legal_basis, source_id, started_at, due_at, state, next_fire_at, next_before_seconds, created_at, notify_roles)
    select gen_random_uuid(), ${orgId}::uuid, case when i % 3 = 0 then 'order' else 'custody' end, 'bench', 's' || i,
           ${now}::timestamptz, ${now}::timestamptz + (60 + (i * 2591)::bigint % 2592000) * interval '1 second' + interval '4 hours',
           'running', ${now}::timestamptz + (60 + (i * 2591)::bigint % 2592000) * interval '1 second', 14400, ${now}::timestamptz, '{station.chief}'
    from generate_series(1, ${N}) as i`.execute(db);
  await sql`analyze clocks`.execute(db);
  console.log(`${N} live clocks written in ${Math.round(performance.now() - started)} ms (${scratch.where})`);

  const log = createLogger('silent');
  const clock = fixedClock(now);
  const idle: number[] = [];
  for (let i = 0; i < TICKS; i++) {
    const t = performance.now();
    await fireDueClocks({ db, clock, log });
    idle.push(performance.now() - t);
  }
  console.log(
    `idle tick (nothing due): median ${median(idle).toFixed(1)} ms, p95 ${p95(idle).toFixed(1)} ms`,
  );

  const busy: number[] = [];
  for (let i = 0; i < Math.min(TICKS, 10); i++) {
    await sql`update clocks set next_fire_at = ${clock.now()}::timestamptz - interval '1 second'
              where id in (select id from clocks where state = 'running' and next_fire_at > ${clock.now()}::timestamptz order by next_fire_at limit ${DUE})`.execute(
      db,
    );
    const t = performance.now();
    const fired = await fireDueClocks({ db, clock, log });
    busy.push(performance.now() - t);
    if (fired.length < DUE) throw new Error(`expected ${DUE} alerts, fired ${fired.length}`);
  }
  console.log(
    `tick with ${DUE} clocks due: median ${median(busy).toFixed(1)} ms, p95 ${p95(busy).toFixed(1)} ms`,
  );
} finally {
  await db.destroy();
  await scratch.drop();
}
