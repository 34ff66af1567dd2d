/**
 * `npm run bench -- --reads [--cases N] [--seconds S] [--concurrency C]` (decision 0010): seeds N cases
 * (default 1,000,000; ~3 parties each, Persian names with ی/ي ک/ك, ة/ه and ZWNJ/space variants, national IDs,
 * 3,000 stations, 400 offices, five years of dates) into a throwaway database — the embedded PostgreSQL, or a
 * new database of DATABASE_URL's server — with set-based SQL (generate_series, unnest), then measures each
 * read at C concurrent users (default 20) for S seconds (default 5) over HTTP, and the machine's baseline
 * (`/api/auth/me`) in the same run: p50/p95/p99 and req/s. Never part of `npm test`.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { trigramKey } from '../src/domain/cases/search-key.js';
import { buildApp } from '../src/server/app.js';
import { createDb } from '../src/server/db/client.js';
import { familyNames, femaleFirstNames, maleFirstNames } from '../src/server/demo/persian-names.js';
import { createUser } from '../src/server/modules/users/users.usecase.js';
import { systemClock } from '../src/server/platform/clock.js';
import { percentiles } from './baseline.js';
import { openBenchNode } from './bench-node.js';

const { values } = parseArgs({
  options: {
    reads: { type: 'boolean', default: true },
    cases: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '20' },
  },
});
const N = Number(values.cases);
const SECONDS = Number(values.seconds);
const C = Number(values.concurrency);
const STATIONS = 3000;
const OFFICES = 400;
const BATCH = 50_000;

/** A name as people also write it: Arabic ي/ك, ة for ه, ZWNJ as a space or as nothing. */
function variants(name: string): string[] {
  const out = new Set([name]);
  out.add(name.replace(/ی/g, 'ي').replace(/ک/g, 'ك'));
  if (name.endsWith('ه')) out.add(`${name.slice(0, -1)}ة`);
  if (name.includes('\u200c')) {
    out.add(name.replace(/\u200c/g, ' '));
    out.add(name.replace(/\u200c/g, ''));
  }
  return [...out];
}
const firsts = [...maleFirstNames, ...femaleFirstNames].flatMap(variants);
const lasts = familyNames.flatMap(variants);

const node = await openBenchNode(process.env.DATABASE_URL ? 'server' : 'embedded');
const { db } = node.deps;
// Seeding is maintenance: a connection of its own without the requests' timeouts.
const seedDb = createDb(node.url, { max: 2 });
try {
  const station = node.actors.officer.orgId;
  const started = performance.now();
  // 3,000 stations and 400 offices, set-based.
  await sql`insert into organisations (id, code, kind, name_fa, name_en, province_code, county_code, node_id)
    select gen_random_uuid(), 'KL-' || i, 'station', 'کلانتری ' || i, 'Station ' || i, 'IR-23', 'IR-23-BENCH', 'bench'
    from generate_series(1, ${STATIONS - 1}) i`.execute(db);
  await sql`insert into organisations (id, code, kind, name_fa, name_en, province_code, county_code, node_id)
    select gen_random_uuid(), 'DA-' || i, 'prosecutor_office', 'دادسرا ' || i, 'Office ' || i, 'IR-23', 'IR-23-BENCH', 'bench'
    from generate_series(1, ${OFFICES - 1}) i`.execute(db);
  const orgIds = (
    await sql<{ id: string }>`select id from organisations where kind = 'station' order by code`.execute(db)
  ).rows.map((r) => r.id);
  // Functions of the case number i: station, names, national IDs, dates — the same for the cases and parties.
  const firstKeys = firsts.map(trigramKey);
  const lastKeys = lasts.map(trigramKey);
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  for (let from = 1; from <= N; from += BATCH) {
    const to = Math.min(N, from + BATCH - 1);
    await seedDb.transaction().execute(async (tx) => {
      await sql`
        with src as (
          select i, (${orgIds}::uuid[])[1 + (i * 7919) % ${orgIds.length}] as org,
                 now() - ((i * 104729) % (5 * 365 * 86400)) * interval '1 second' as at,
                 (select string_agg(substr(${alphabet}, 1 + ((i * 2654435761 % 26439622160671) / (31 ^ k)::bigint % 31)::int, 1), '' order by k)
                  from generate_series(0, 8) k) as tc
          from generate_series(${from}::bigint, ${to}::bigint) i
        )
        , inserted as (insert into cases (id, org_id, year, seq, case_number, origin, status, tracking_code, created_by,
                           created_at, updated_at, search_key)
        select gen_random_uuid(), org, 1400 + (i % 5), i, (1400 + (i % 5)) || '/' || lpad(i::text, 7, '0'),
               (array['complaint','officer_report','flagrant'])[1 + i % 3],
               (array['draft','draft','sent','registered','returned','rejected'])[1 + i % 6],
               substr(tc, 1, 3) || '-' || substr(tc, 4, 3) || '-' || substr(tc, 7, 3), ${node.actors.officer.userId}::uuid,
               at, at,
               lower(lpad(i::text, 7, '0') || ' | ' || tc) || ' | ' || (
                 select string_agg(
                   (${firstKeys}::text[])[1 + (i * 31 + k * 7) % ${firstKeys.length}] || ' ' ||
                   (${lastKeys}::text[])[1 + (i * 17 + k * 13) % ${lastKeys.length}] || ' | ' ||
                   lpad(((i * 3 + k) * 7919 % 10000000000)::text, 10, '0'), ' | ')
                 from generate_series(0, 2) k)
        from src
        returning id, org_id, seq, created_at
        )
        insert into parties (id, case_id, org_id, role, first_name, last_name, national_id, created_at, updated_at)
        select gen_random_uuid(), c.id, c.org_id, (array['complainant','accused','witness'])[1 + k],
               (${firsts}::text[])[1 + (c.seq::bigint * 31 + k * 7) % ${firsts.length}],
               (${lasts}::text[])[1 + (c.seq::bigint * 17 + k * 13) % ${lasts.length}],
               lpad(((c.seq::bigint * 3 + k) * 7919 % 10000000000)::text, 10, '0'), c.created_at, c.created_at
        from inserted c, generate_series(0, 2) k`.execute(tx);
    });
    process.stdout.write(`seeded ${to} / ${N}\r`);
  }
  await sql`analyze`.execute(seedDb);
  const seedSeconds = (performance.now() - started) / 1000;
  console.log(
    `\nseeded ${N} cases (${N * 3} parties) in ${seedSeconds.toFixed(1)} s: ${Math.round(N / seedSeconds)} cases/s`,
  );

  // A user of the busiest kind of station (the bench's own), signed in over HTTP.
  const password = randomBytes(12).toString('hex');
  const user = await createUser({
    db,
    clock: systemClock,
    actor: null,
    body: { orgId: station, username: 'reader', displayName: 'reader', role: 'station.officer', password },
  });
  void user;
  const app = await buildApp(node.deps, {});
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'reader', password }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const mine = (
    await sql<{
      id: string;
      tracking_code: string;
      national_id: string;
      first_name: string;
      last_name: string;
    }>`
      select c.id, c.tracking_code, p.national_id, p.first_name, p.last_name
      from cases c join parties p on p.case_id = c.id where c.org_id = ${station}::uuid limit 200`.execute(db)
  ).rows;
  console.log(
    `the bench station holds ${mine.length === 200 ? '≥ 200' : mine.length} cases (1/${STATIONS} of all)`,
  );
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)] as T;
  const q = (s: string) => encodeURIComponent(s);
  const reads: [string, () => string][] = [
    ['baseline /api/auth/me', () => '/api/auth/me'],
    [
      'name search, full name',
      () => {
        const p = pick(mine);
        return `/api/cases?q=${q(`${p.first_name} ${p.last_name}`)}`;
      },
    ],
    [
      'name search, surname (Arabic ي/ك)',
      () => `/api/cases?q=${q(pick(mine).last_name.replace(/ی/g, 'ي').replace(/ک/g, 'ك'))}`,
    ],
    ['name search, partial', () => `/api/cases?q=${q(pick(mine).last_name.slice(0, 3))}`],
    ['national-ID look-up', () => `/api/cases?q=${pick(mine).national_id}`],
    ['tracking-code look-up', () => `/api/cases?q=${q(pick(mine).tracking_code.toLowerCase())}`],
    ['case list', () => '/api/cases'],
    ['case list status=draft', () => '/api/cases?status=draft'],
    ['a single case', () => `/api/cases/${pick(mine).id}`],
  ];
  console.log(
    `\n| read (${N.toLocaleString('en')} cases, ${C} users) | p50 ms | p95 ms | p99 ms | req/s | non-200 |`,
  );
  console.log('|---|---|---|---|---|---|');
  for (const [name, path] of reads) {
    const times: number[] = [];
    const bad = new Map<number, number>();
    const end = performance.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: C }, async () => {
        while (performance.now() < end) {
          const t = performance.now();
          const res = await fetch(`${base}${path()}`, { headers: { cookie } });
          await res.arrayBuffer();
          times.push(performance.now() - t);
          if (res.status !== 200) bad.set(res.status, (bad.get(res.status) ?? 0) + 1);
        }
      }),
    );
    const [p50, p95, p99] = percentiles(times, [50, 95, 99]).map((v) => v.toFixed(1));
    console.log(
      `| ${name} | ${p50} | ${p95} | ${p99} | ${Math.round(times.length / SECONDS)} | ${[...bad].map(([status, n]) => `${n}× ${status}`).join(', ') || 0} |`,
    );
  }
  const size = await sql<{ reads: number; bytes: number }>`
    select count(*)::bigint as reads, pg_total_relation_size('audit_reads')::bigint as bytes from audit_reads`.execute(
    db,
  );
  const r = size.rows[0];
  if (r)
    console.log(
      `\nread log: ${r.reads} reads, ${Math.round(Number(r.bytes) / Math.max(1, Number(r.reads)))} B per read`,
    );
  await app.close();
} finally {
  await seedDb.destroy();
  await node.close();
}
