import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../test/app.js';
import { useTestDatabase } from '../../../test/db.js';
import { normaliseTrackingCode } from '../../domain/cases/tracking-code.js';
import { isValidNationalId } from '../../domain/national-id.js';
import { roles } from '../../domain/roles.js';
import type { Db } from '../db/client.js';
import { verifyAuditChain } from '../modules/audit/audit.repository.js';
import { fixedClock } from '../platform/clock.js';
import { createDemoCasePlanner, type DemoCaseStation } from './demo-cases.js';
import { seedDemo, shouldSeedDemo, type DemoSeedResult } from './seed-demo.js';

const NOW = '2026-11-20T08:00:00Z';
const HOUR = 3_600_000;

/** The people of a seeded database, in a stable order, as the determinism check compares them. */
async function peopleOf(db: Db) {
  return db
    .selectFrom('parties')
    .innerJoin('cases', 'cases.id', 'parties.case_id')
    .innerJoin('organisations', 'organisations.id', 'cases.org_id')
    .select([
      'organisations.code',
      'cases.case_number',
      'parties.role',
      'parties.first_name',
      'parties.last_name',
      'parties.father_name',
      'parties.national_id',
    ])
    .orderBy('organisations.code')
    .orderBy('cases.case_number')
    .orderBy('parties.role')
    .orderBy('parties.national_id')
    .execute();
}

describe('the demo seed', () => {
  let db: Db;
  let seeded: DemoSeedResult;

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
    seeded = await seedDemo({ db, clock: fixedClock(NOW), nodeId: 'node-demo', seed: 7 });
  });

  it('makes ten police units, two prosecutors’ offices with a jurisdiction rule per county, an escort unit and an HQ, all marked demo', async () => {
    const orgs = await db.selectFrom('organisations').select(['kind', 'is_demo']).execute();
    const count = (kinds: string[]) => orgs.filter((o) => kinds.includes(o.kind)).length;
    expect(count(['station', 'outpost'])).toBe(10);
    expect(count(['outpost'])).toBeGreaterThan(0);
    expect(count(['prosecutor_office'])).toBe(2);
    expect(count(['hq'])).toBe(1);
    expect(count(['escort_unit'])).toBe(1);
    expect(orgs.every((o) => o.is_demo)).toBe(true);
    const rules = await db.selectFrom('jurisdiction_rules').select('county_code').execute();
    expect(rules.map((r) => r.county_code).sort()).toEqual(['IR-23-SHAHRIAR', 'IR-23-TEHRAN']);
  });

  it('gives every role a demo user who signs in with the password printed once', async () => {
    const users = await db.selectFrom('users').select(['username', 'role', 'is_demo']).execute();
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(roles));
    expect(users.every((u) => u.is_demo)).toBe(true);
    expect(users.map((u) => u.username)).toEqual(
      expect.arrayContaining([
        'officer',
        'chief',
        'officer2',
        'chief2',
        'clerk',
        'judge',
        'escort',
        'supervisor',
        'admin',
      ]),
    );
    const { app } = await useTestApp(db);
    await expect(signIn(app, 'officer', seeded.password)).resolves.toMatch(/^cb_session=/);
    await expect(signIn(app, 'admin', seeded.password)).resolves.toMatch(/^cb_session=/);
  });

  it('opens about two hundred cases over the stations, numbered per station and Jalali year through case_counters', async () => {
    const cases = await db
      .selectFrom('cases')
      .select(['org_id', 'year', 'seq', 'case_number', 'search_key'])
      .execute();
    expect(cases).toHaveLength(200);
    expect(new Set(cases.map((c) => c.org_id)).size).toBe(10);
    for (const c of cases) expect(c.case_number).toBe(`${c.year}/${String(c.seq).padStart(6, '0')}`);
    expect(cases.every((c) => c.search_key.length > 0)).toBe(true);
    const counters = await db.selectFrom('case_counters').selectAll().execute();
    for (const counter of counters) {
      const seqs = cases
        .filter((c) => c.org_id === counter.org_id && c.year === counter.year)
        .map((c) => c.seq)
        .sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: counter.last_seq }, (_, i) => i + 1));
    }
  });

  it('starts each case’s timeline with the event the cases module writes', async () => {
    const opened = await db
      .selectFrom('case_events')
      .select('case_id')
      .where('type', '=', 'case.created')
      .execute();
    expect(new Set(opened.map((e) => e.case_id)).size).toBe(200);
  });

  it('keeps about fifteen people in custody, started in the last 30 hours, some near or past the 24-hour limit', async () => {
    const open = await db
      .selectFrom('custody_records')
      .select('started_at')
      .where('ended_at', 'is', null)
      .execute();
    expect(open).toHaveLength(15);
    const hours = open.map((c) => (new Date(NOW).getTime() - c.started_at.getTime()) / HOUR);
    expect(Math.min(...hours)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...hours)).toBeLessThanOrEqual(30);
    expect(hours.filter((h) => h > 20).length).toBeGreaterThan(0);
  });

  it('holds nobody from before the incident of their case (the custody rule the use case applies)', async () => {
    const early = await db
      .selectFrom('custody_records')
      .innerJoin('cases', 'cases.id', 'custody_records.case_id')
      .select('custody_records.id')
      .whereRef('custody_records.started_at', '<', 'cases.incident_at')
      .execute();
    expect(early).toEqual([]);
    expect((await db.selectFrom('custody_records').select('id').execute()).length).toBeGreaterThan(15);
  });

  it('gives only valid national IDs and Iranian mobiles', async () => {
    const parties = await db.selectFrom('parties').select(['national_id', 'mobile']).execute();
    expect(parties.length).toBeGreaterThan(200);
    expect(parties.filter((p) => !isValidNationalId(p.national_id ?? ''))).toEqual([]);
    expect(parties.every((p) => /^09\d{9}$/.test(p.mobile ?? ''))).toBe(true);
  });

  it('gives every complaint, and only complaints, a well-formed tracking code', async () => {
    const cases = await db.selectFrom('cases').select(['origin', 'tracking_code']).execute();
    for (const c of cases) {
      if (c.origin === 'complaint')
        expect(normaliseTrackingCode(c.tracking_code ?? '')).toBe(c.tracking_code);
      else expect(c.tracking_code).toBeNull();
    }
    expect(cases.some((c) => c.origin === 'complaint')).toBe(true);
  });

  it('leaves an intact audit chain that records the seed', async () => {
    expect((await verifyAuditChain(db)).ok).toBe(true);
    const entry = await db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'demo.seeded')
      .executeTakeFirstOrThrow();
    expect(entry.details).toMatchObject({ seed: 7, cases: 200 });
  });

  it('gives the same people, names and national IDs for the same seed', async () => {
    const other = await useTestDatabase();
    await seedDemo({ db: other.db, clock: fixedClock(NOW), nodeId: 'node-demo', seed: 7 });
    expect(await peopleOf(other.db)).toEqual(await peopleOf(db));
  });

  it('is seeded at start only into an empty node, and on a DATABASE_URL server only when asked', async () => {
    expect(await shouldSeedDemo({ db, demo: 'true', embedded: true })).toBe(false);
    const empty = (await useTestDatabase()).db;
    expect(await shouldSeedDemo({ db: empty, demo: 'auto', embedded: true })).toBe(true);
    expect(await shouldSeedDemo({ db: empty, demo: 'auto', embedded: false })).toBe(false);
    expect(await shouldSeedDemo({ db: empty, demo: 'true', embedded: false })).toBe(true);
    expect(await shouldSeedDemo({ db: empty, demo: 'false', embedded: true })).toBe(false);
  });
});

describe('the demo case planner', () => {
  const station: DemoCaseStation = {
    id: 'station',
    countyCode: 'IR-23-TEHRAN',
    provinceCode: 'IR-23',
    cityFa: 'تهران',
    neighbourhoodFa: 'نارمک',
    streetsFa: ['خیابان آیت'],
    authorIds: ['officer'],
    weight: 1,
  };
  const plan = (seed: number, total = 50) => {
    const planner = createDemoCasePlanner({
      seed,
      total,
      now: new Date(NOW),
      stations: [station],
      crimeCategoryCodes: ['theft', 'fraud'],
    });
    const plans = [];
    for (let p = planner.next(); p; p = planner.next()) plans.push(p);
    return plans;
  };

  it('plans the same cases for the same seed and different ones for another', () => {
    expect(plan(1)).toEqual(plan(1));
    expect(plan(2).map((p) => p.parties[0]?.nationalId)).not.toEqual(
      plan(1).map((p) => p.parties[0]?.nationalId),
    );
  });

  it('plans cases in time order, all in the past', () => {
    const times = plan(3, 500).map((p) => p.createdAt.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(Math.max(...times)).toBeLessThan(new Date(NOW).getTime());
  });
});
