import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeCase, makeJurisdiction, makeOrganisation, makeUser } from '../../../../test/factories.js';
import { fixedClock } from '../../platform/clock.js';

const { db } = await useTestDatabase();
const clock = fixedClock('2026-05-01T08:00:00Z');
const { app } = await useTestApp(db, { clock });

const HEADER = 'code,name_fa,province,county,kind,thefts,visits';
const base64 = (...lines: string[]) => Buffer.from(lines.join('\n') + '\n', 'utf8').toString('base64');

describe('the national register of units and the rollout', () => {
  const cookies: Record<string, string> = {};
  let stationCode: string;
  let stationId: string;
  let officerId: string;
  const post = (url: string, payload: object, who = 'admin') =>
    app.inject({ method: 'POST', url, payload, headers: { cookie: cookies[who] ?? '' } });
  const unitCount = async () =>
    Number(
      (
        await db
          .selectFrom('units')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    const hq = await makeOrganisation(db, { kind: 'hq' });
    const { station } = await makeJurisdiction(db);
    stationCode = station.code;
    stationId = station.id;
    officerId = (await makeUser(db, station.id, 'station.officer')).id;
    for (const [who, org, role] of [
      ['admin', hq.id, 'admin'],
      ['supervisor', hq.id, 'supervisor'],
      ['officer', station.id, 'station.officer'],
    ] as const)
      cookies[who] = await signIn(app, (await makeUser(db, org, role)).username);
  });

  it('imports the register from CSV, and a re-import updates by code', async () => {
    const first = await post('/api/units/import', {
      fileBase64: base64(
        HEADER,
        `${stationCode},کلانتری آزمایشی,IR-23,تهران,station,600,1000`,
        'KL-2,کلانتری ۲ شیراز,فارس,شیراز,station,300,9000',
        'PS-3,پاسگاه ۳ کرج,IR-30,کرج,post,100,500',
      ),
    });
    expect(first.json()).toEqual({ created: 3, updated: 0, total: 3 });
    const again = await post('/api/units/import', {
      fileBase64: base64(
        HEADER,
        'PS-3,پاسگاه ۳ کرج,IR-30,کرج,post,0,400',
        'PS-4,پاسگاه ۴,IR-30,کرج,post,0,100',
      ),
    });
    expect(again.json()).toEqual({ created: 1, updated: 1, total: 2 });
    expect(
      await db.selectFrom('units').select(['thefts', 'visits']).where('code', '=', 'PS-3').executeTakeFirst(),
    ).toEqual({
      thefts: 0,
      visits: 400,
    });
    const audit = await db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'units.imported')
      .execute();
    expect(audit.map((a) => a.details)).toEqual([
      { created: 3, updated: 0 },
      { created: 1, updated: 1 },
    ]);
  });

  it('refuses a bad file whole, naming each line and field, and only an administrator may import', async () => {
    const res = await post('/api/units/import', {
      fileBase64: base64(
        HEADER,
        'KL-9,نو,IR-23,تهران,station,5,5',
        'KL-2,دوباره,IR-23,تهران,station,-1,5',
        'KL-9,نو,IR-77,تهران,station,5,5',
      ),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('units.invalid_csv');
    expect(res.json().error.issues.map((i: { path: string; code: string }) => [i.path, i.code])).toEqual([
      ['line 3, thefts', 'units.csv.negative_count'],
      ['line 4, province', 'units.csv.unknown_province'],
      ['line 4, code', 'units.csv.duplicate_code'],
    ]);
    const notUtf8 = await post('/api/units/import', {
      fileBase64: Buffer.concat([
        Buffer.from(`${HEADER}\nKL-9,`),
        Buffer.from([0xdf, 0xe1]),
        Buffer.from(',IR-23,t,station,1,1\n'),
      ]).toString('base64'),
    });
    expect(notUtf8.json().error.issues).toEqual([
      expect.objectContaining({ path: 'line 2', code: 'units.csv.not_utf8' }),
    ]);
    expect(await unitCount()).toBe(4);
    const officer = await post(
      '/api/units/import',
      { fileBase64: base64(HEADER, 'KL-9,نو,IR-23,تهران,station,5,5') },
      'officer',
    );
    expect(officer.statusCode).toBe(403);
    expect(await unitCount()).toBe(4);
  });

  it('plans the smallest set reaching the target, and refuses a target outside (0, 1]', async () => {
    const plan = await post('/api/rollout/plan', { target: 0.6 }, 'supervisor');
    expect(plan.statusCode).toBe(200);
    expect(plan.json()).toMatchObject({ totalUnits: 4, chosenCount: 1, theftShare: 600 / 900, waves: 1 });
    expect(plan.json().chosen[0]).toMatchObject({
      code: stationCode,
      wave: 1,
      rank: 1,
      cumulativeTheftShare: 600 / 900,
    });
    const byVisits = await post(
      '/api/rollout/plan',
      { target: 0.8, visitsWeight: 1, perProvince: 1 },
      'supervisor',
    );
    expect(byVisits.json().chosen.map((c: { code: string }) => c.code)).toEqual([
      'KL-2',
      stationCode,
      'PS-3',
    ]);
    for (const target of [0, 1.5, -1]) {
      const bad = await post('/api/rollout/plan', { target }, 'supervisor');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({
        code: 'rollout.invalid_target',
        issues: [{ path: 'target' }],
      });
    }
    const unknown = await post('/api/rollout/plan', { target: 0.5, exclude: ['NOPE'] }, 'supervisor');
    expect(unknown.json().error).toMatchObject({
      code: 'rollout.unknown_unit',
      issues: [{ path: 'exclude' }],
    });
    expect((await post('/api/rollout/plan', { target: 0.5 }, 'officer')).statusCode).toBe(403);
  });

  it('tracks each unit from planned to live, derived from the data and set by hand, late waves marked', async () => {
    const adopted = await post('/api/rollout/adopt', {
      target: 1,
      visitsWeight: 1,
      waveSize: 2,
      firstDueAt: '2026-04-01T00:00:00Z',
      daysBetweenWaves: 60,
    });
    expect(adopted.statusCode).toBe(200);
    const dashboard = adopted.json();
    expect(dashboard.registerUnits).toBe(4);
    expect(
      dashboard.units.map((u: { code: string; wave: number; state: string }) => [u.code, u.wave, u.state]),
    ).toEqual([
      ['KL-2', 1, 'planned'],
      [stationCode, 1, 'users_created'],
      ['PS-3', 2, 'planned'],
      ['PS-4', 2, 'planned'],
    ]);
    expect(dashboard.waves.map((w: { wave: number; late: boolean }) => [w.wave, w.late])).toEqual([
      [1, true],
      [2, false],
    ]);
    for (const code of [stationCode, 'KL-2']) {
      const res = await app.inject({
        method: 'PATCH',
        url: `/api/rollout/units/${code}`,
        payload: { step: 'live', at: '2026-04-20T08:00:00Z' },
        headers: { cookie: cookies.admin ?? '' },
      });
      expect(res.statusCode).toBe(204);
    }
    const after = (
      await app.inject({ method: 'GET', url: '/api/rollout', headers: { cookie: cookies.supervisor ?? '' } })
    ).json();
    expect(after.waves[0]).toMatchObject({ wave: 1, late: false, byState: { live: 2 } });
    expect(after.totals).toEqual({ planned: 2, node_ready: 0, users_created: 0, first_sent: 0, live: 2 });
    expect(after.byProvince.find((p: { province: string }) => p.province === 'IR-23')).toMatchObject({
      units: 1,
    });
    const bySupervisor = await app.inject({
      method: 'PATCH',
      url: '/api/rollout/units/PS-3',
      payload: { step: 'live', at: null },
      headers: { cookie: cookies.supervisor ?? '' },
    });
    expect(bySupervisor.statusCode).toBe(403);
    const unknown = await app.inject({
      method: 'PATCH',
      url: '/api/rollout/units/NOPE',
      payload: { step: 'live', at: null },
      headers: { cookie: cookies.admin ?? '' },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('lets a station record files sent on paper, and compares paper with electronic sending per Jalali month', async () => {
    const paper = await post(
      '/api/paper-transmissions',
      { sentAt: '2026-04-25T06:00:00Z', files: 3 },
      'officer',
    );
    expect(paper.statusCode).toBe(201);
    expect(paper.json()).toMatchObject({ sentAt: '2026-04-25T06:00:00.000Z', files: 3, caseNumber: null });
    for (const body of [
      { sentAt: '2026-04-25T06:00:00Z', files: 0 },
      { sentAt: '2026-06-25T06:00:00Z', files: 1 },
      { sentAt: '1405/02/05', files: 1 },
    ])
      expect((await post('/api/paper-transmissions', body, 'officer')).statusCode).toBe(400);
    expect(
      (await post('/api/paper-transmissions', { sentAt: '2026-04-25T06:00:00Z', files: 1 }, 'supervisor'))
        .statusCode,
    ).toBe(403);
    const speed = await app.inject({
      method: 'GET',
      url: '/api/rollout/speed',
      query: { from: '2026-03-20T20:30:00.000Z', to: '2026-05-01T08:00:00.000Z' },
      headers: { cookie: cookies.supervisor ?? '' },
    });
    expect(speed.statusCode).toBe(200);
    // Farvardin 1405, then Ordibehesht from its first day (2026-04-21 00:00 in Tehran).
    expect(
      speed.json().months.map((m: { from: string; sentOnPaper: number }) => [m.from, m.sentOnPaper]),
    ).toEqual([
      ['2026-03-20T20:30:00.000Z', 0],
      ['2026-04-20T20:30:00.000Z', 3],
    ]);
    expect(speed.json().returns).toEqual({
      beforeLive: { decided: 0, returned: 0 },
      afterLive: { decided: 0, returned: 0 },
    });
  });

  it('updates a unit on casebridge from its own files of the last year (update from casebridge), and only an administrator may', async () => {
    const officer = { userId: officerId, orgId: stationId, role: 'station.officer' as const };
    const before = await db
      .selectFrom('units')
      .selectAll()
      .where('code', '=', stationCode)
      .executeTakeFirstOrThrow();
    await makeCase(db, officer, { crimeCategoryCode: 'theft' }, clock);
    await makeCase(db, officer, { crimeCategoryCode: 'theft' }, clock);
    await makeCase(db, officer, { crimeCategoryCode: 'fraud', origin: 'officer_report' }, clock);
    // Planning can take the units' own files without changing the register: 2 thefts, not the register's 600.
    const chosen = async (figures: 'register' | 'files') =>
      (await post('/api/rollout/plan', { target: 0.6, figures }, 'supervisor'))
        .json()
        .chosen.map((c: { code: string; thefts: number }) => [c.code, c.thefts]);
    expect(await chosen('register')).toEqual([[stationCode, 600]]);
    expect(await chosen('files')).toEqual([['KL-2', 300]]);
    expect(
      (await post('/api/rollout/plan', { target: 0.6, figures: 'guess' }, 'supervisor')).statusCode,
    ).toBe(400);
    expect((await post('/api/units/refresh-from-files', {}, 'supervisor')).statusCode).toBe(403);
    const res = await post('/api/units/refresh-from-files', {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ updated: 1, codes: [stationCode] });
    const after = await db
      .selectFrom('units')
      .selectAll()
      .where('code', '=', stationCode)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      thefts: 2,
      other_crimes: 1,
      files_opened: 3,
      visits: 2,
      name_fa: before.name_fa,
    });
    const others = await db
      .selectFrom('units')
      .select(['code', 'thefts'])
      .where('code', '=', 'KL-2')
      .executeTakeFirstOrThrow();
    expect(others.thefts).toBe(300); // not on this node: the register's figures stay
    const audit = await db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'units.refreshed_from_files')
      .executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ updated: 1, codes: [stationCode] });
  });

  it('records a case sent on paper from its page, shows it there, and refuses a case sent electronically or another station\u2019s', async () => {
    const officer = { userId: officerId, orgId: stationId, role: 'station.officer' as const };
    const draft = await makeCase(db, officer, {}, clock);
    const recorded = await post(
      '/api/paper-transmissions',
      { sentAt: '2026-04-30T06:00:00Z', files: 1, caseId: draft.id, caseNumber: 'ignored' },
      'officer',
    );
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({ files: 1, caseNumber: draft.caseNumber });
    const list = await app.inject({
      method: 'GET',
      url: '/api/paper-transmissions',
      query: { caseId: draft.id },
      headers: { cookie: cookies.officer ?? '' },
    });
    expect(list.json()).toEqual({ items: [recorded.json()] });
    const sent = await makeCase(db, officer, {}, clock);
    await db.updateTable('cases').set({ status: 'sent' }).where('id', '=', sent.id).execute();
    const other = await makeJurisdiction(db);
    const elsewhere = await makeCase(
      db,
      {
        userId: (await makeUser(db, other.station.id, 'station.officer')).id,
        orgId: other.station.id,
        role: 'station.officer',
      },
      {},
      clock,
    );
    const refused = await Promise.all(
      [sent.id, elsewhere.id].map((caseId) =>
        post('/api/paper-transmissions', { sentAt: '2026-04-30T06:00:00Z', files: 1, caseId }, 'officer'),
      ),
    );
    expect(refused.map((r) => [r.statusCode, r.json().error.code])).toEqual([
      [409, 'cases.invalid_state'],
      [404, 'cases.not_found'],
    ]);
    const rows = await db.selectFrom('paper_transmissions').select('case_number').execute();
    expect(rows.map((r) => r.case_number).sort()).toEqual([draft.caseNumber, null].sort());
    const audited = await db
      .selectFrom('audit_log')
      .select(['resource_id', 'details'])
      .where('action', '=', 'paper_transmission.listed')
      .executeTakeFirstOrThrow();
    expect(audited).toEqual({ resource_id: draft.id, details: { count: 1 } });
  });
});
