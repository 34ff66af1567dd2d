/**
 * `npm run bench -- --figures [--cases N] [--runs R]` (issue 21, point 6; decision 0029): seeds N cases (default
 * 1,000,000) over 3,000 stations and the last year — half of them sent, each sent file answered once, one in 20
 * with an escort — into a throwaway database (the embedded PostgreSQL, or a new database of DATABASE_URL's
 * server) with set-based SQL (generate_series), then times the figures as the use case answers them: an
 * administrator over every unit (a month, a year), a station chief over a month, and the first page of a
 * drill-down. Reports the median and the worst of R runs (default 5). The bar: < 500 ms over 1 M
 * cases. Never part of `npm test`.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Actor } from '../src/domain/permissions.js';
import { listFigureCases } from '../src/server/modules/figures/figure-cases.usecase.js';
import { getFigures } from '../src/server/modules/figures/figures.usecase.js';
import { createDb } from '../src/server/db/client.js';
import { systemClock } from '../src/server/platform/clock.js';
import { openBenchNode } from './bench-node.js';

const { values } = parseArgs({
  options: {
    figures: { type: 'boolean', default: true },
    cases: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
  },
});
const N = Number(values.cases);
const RUNS = Math.max(1, Number(values.runs));
const STATIONS = 3000;
const BATCH = 100_000;

const node = await openBenchNode(process.env.DATABASE_URL ? 'server' : 'embedded');
const { db } = node.deps;
const seedDb = createDb(node.url, { max: 2 });
try {
  const started = performance.now();
  await sql`insert into organisations (id, code, kind, name_fa, name_en, province_code, county_code, node_id)
    select gen_random_uuid(), 'KL-' || i, 'station', 'کلانتری ' || i, 'Station ' || i, 'IR-23', 'IR-23-BENCH', 'bench'
    from generate_series(1, ${STATIONS - 1}) i`.execute(seedDb);
  const orgIds = (
    await sql<{ id: string }>`select id from organisations where kind = 'station' order by code`.execute(
      seedDb,
    )
  ).rows.map((r) => r.id);
  const officer = node.actors.officer.userId;
  for (let from = 1; from <= N; from += BATCH) {
    const to = Math.min(N, from + BATCH - 1);
    await seedDb.transaction().execute(async (tx) => {
      // Cases over the last year; every other one sent 1–72 hours after it was opened.
      await sql`insert into cases (id, org_id, year, seq, case_number, origin, status, created_by, updated_by,
          created_at, updated_at, sent_at, search_key)
        select gen_random_uuid(), (${orgIds}::uuid[])[1 + (i * 7919) % ${orgIds.length}], 1405, i,
               '1405/' || lpad(i::text, 7, '0'), (array['complaint','officer_report','flagrant'])[1 + i % 3],
               case when i % 2 = 0 then 'sent' else 'draft' end, ${officer}::uuid, ${officer}::uuid,
               now() - ((i * 104729) % (365 * 86400)) * interval '1 second',
               now() - ((i * 104729) % (365 * 86400)) * interval '1 second',
               case when i % 2 = 0 then now() - ((i * 104729) % (365 * 86400)) * interval '1 second'
                 + (1 + i % 72) * interval '1 hour' end,
               lpad(i::text, 7, '0')
        from generate_series(${from}::bigint, ${to}::bigint) i`.execute(tx);
      // Each sent file answered once, 1–48 hours after sending: registered, returned or rejected.
      await sql`insert into messages (direction, id, org_id, type, case_ref, from_node, from_org, to_node, to_org,
          seq, sha256, jws, envelope, created_at, status)
        select 'in', gen_random_uuid(), c.org_id,
               (array['intake.registered','intake.registered','intake.returned','intake.rejected'])[1 + c.seq % 4],
               c.id::text, 'bench', 'DA-BENCH', 'bench', 'KL', 1, 'x', 'x', '{}'::jsonb,
               c.sent_at + (1 + c.seq % 48) * interval '1 hour', 'delivered'
        from cases c where c.seq between ${from} and ${to} and c.sent_at is not null`.execute(tx);
      // One case in 20 with an escort, due a day after opening; one in three of those delivered.
      await sql`insert into escorts (org_id, escort_id, side, case_ref, case_number, case_id, peer_node, peer_org,
          person, destination, place, scheduled_at, reason, requested_by, requested_at, status, delivered_at,
          picked_up_at, updated_at)
        select c.org_id, gen_random_uuid(), 'station', c.id::text, c.case_number, c.id, 'bench', 'ESC-BENCH',
               '{"firstName":"x","lastName":"y","fatherName":null,"nationalId":null,"passportNumber":null}'::jsonb,
               'prosecutor_office', 'x', c.created_at + interval '1 day', 'x', 'bench', c.created_at,
               case when c.seq % 3 = 0 then 'delivered' else 'requested' end,
               case when c.seq % 3 = 0 then c.created_at + interval '26 hours' end,
               case when c.seq % 3 = 0 then c.created_at + interval '25 hours' end, c.created_at
        from cases c where c.seq between ${from} and ${to} and c.seq % 20 = 0`.execute(tx);
    });
    process.stdout.write(`seeded ${to} / ${N}\r`);
  }
  await sql`analyze`.execute(seedDb);
  console.log(`\nseeded ${N} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const station = node.actors.chief;
  const admin: Actor = { ...station, role: 'admin' };
  const now = Date.now();
  const month = { from: new Date(now - 30 * 86_400_000).toISOString(), to: new Date(now).toISOString() };
  const year = { from: new Date(now - 365 * 86_400_000).toISOString(), to: new Date(now).toISOString() };
  const cases = [
    [
      'administrator, every unit, a month',
      () => getFigures({ db, clock: systemClock, actor: admin, query: month, ip: null }),
    ],
    [
      'administrator, every unit, a year',
      () => getFigures({ db, clock: systemClock, actor: admin, query: year, ip: null }),
    ],
    [
      'station chief, one unit, a month',
      () => getFigures({ db, clock: systemClock, actor: station, query: month, ip: null }),
    ],
    [
      'drill-down, every unit, a year, returned, first page',
      () =>
        listFigureCases({
          db,
          clock: systemClock,
          actor: admin,
          query: { ...year, measure: 'returned', limit: 50 },
          ip: null,
        }),
    ],
  ] as const;
  for (const [name, run] of cases) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    const runs = times.map((t) => t.toFixed(0)).join(', ');
    times.sort((a, b) => a - b);
    console.log(
      `${name}: median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms, worst ${times.at(-1)!.toFixed(0)} ms (${runs})`,
    );
  }
} finally {
  await seedDb.destroy();
  await node.close();
}
