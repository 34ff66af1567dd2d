import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import {
  deliverAll,
  makeOrganisation,
  makeReadyCase,
  makeStationUser,
  makeUser,
} from '../../../../test/factories.js';
import { fixedClock } from '../../platform/clock.js';
import { approveSubmission, prepareSubmission } from '../submission/index.js';

const { db } = await useTestDatabase();
const clock = fixedClock('2026-03-21T06:30:00Z');
const { app, exchange, blobs } = await useTestApp(db, { clock });

const call = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

describe('the office\u2019s lists of branches and دادیاران', () => {
  let station: Awaited<ReturnType<typeof makeStationUser>>;
  let admin: string;
  let clerk: string;
  let otherClerk: string;
  let otherOfficeId: string;
  let lists: string;

  beforeAll(async () => {
    station = await makeStationUser(db, 'station.officer');
    const hq = await makeOrganisation(db, { kind: 'hq' });
    admin = await signIn(app, (await makeUser(db, hq.id, 'admin')).username);
    clerk = await signIn(app, (await makeUser(db, station.office.id, 'prosecutor.clerk')).username);
    const other = await makeStationUser(db, 'station.officer');
    otherOfficeId = other.office.id;
    otherClerk = await signIn(app, (await makeUser(db, other.office.id, 'prosecutor.clerk')).username);
    lists = `/api/organisations/${station.office.id}/office-lists`;
  });

  it('lets the admin add, rename and retire entries, each audited; the clerk sees the active ones of their own office', async () => {
    const branch = await call(admin, 'POST', lists, { kind: 'branch', name: ' شعبه ۴ ' });
    expect(branch.statusCode).toBe(201);
    expect(branch.json()).toMatchObject({ kind: 'branch', name: 'شعبه ۴', active: true });
    const judge = await call(admin, 'POST', lists, { kind: 'assistant_prosecutor', name: 'دادیار رحیمی' });
    const old = await call(admin, 'POST', lists, { kind: 'investigator', name: 'بازپرس پیشین' });
    const retired = await call(admin, 'PATCH', `${lists}/${old.json().id}`, { active: false });
    expect(retired.json()).toMatchObject({ active: false });
    const renamed = await call(admin, 'PATCH', `${lists}/${branch.json().id}`, { name: 'شعبه ۴ دادیاری' });
    expect(renamed.json().name).toBe('شعبه ۴ دادیاری');

    const own = (await call(clerk, 'GET', '/api/office-lists')).json();
    expect(own.branches.map((e: { name: string }) => e.name)).toEqual(['شعبه ۴ دادیاری']);
    expect(own.staff.map((e: { name: string }) => e.name)).toEqual(['دادیار رحیمی']);
    expect((await call(otherClerk, 'GET', '/api/office-lists')).json()).toEqual({ branches: [], staff: [] });
    const all = (await call(admin, 'GET', lists)).json();
    expect(all.staff).toHaveLength(2);

    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('resource_id', '=', branch.json().id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['office_list.added', 'office_list.changed']);
    expect(audit[1]?.details).toMatchObject({
      before: { name: 'شعبه ۴' },
      after: { name: 'شعبه ۴ دادیاری' },
    });
    expect(judge.statusCode).toBe(201);
  });

  it('refuses bad input, a repeated name, another office\u2019s entry and other roles, and changes nothing', async () => {
    await call(admin, 'POST', lists, { kind: 'branch', name: 'شعبه ۹' });
    const before = await db.selectFrom('office_list_entries').selectAll().execute();
    const taken = await call(admin, 'POST', lists, { kind: 'branch', name: 'شعبه ۹' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('office_lists.name_taken');
    for (const body of [
      { kind: 'judge', name: 'x' },
      { kind: 'branch', name: ' ' },
      { kind: 'branch', name: 'a\nb' },
      { kind: 'branch' },
    ])
      expect((await call(admin, 'POST', lists, body)).statusCode).toBe(400);
    const entry = before.find((e) => e.name === 'شعبه ۹');
    expect((await call(admin, 'PATCH', `${lists}/${entry?.id}`, {})).statusCode).toBe(400);
    const elsewhere = await call(
      admin,
      'PATCH',
      `/api/organisations/${otherOfficeId}/office-lists/${entry?.id}`,
      { active: false },
    );
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().error.code).toBe('office_lists.not_found');
    const notOffice = await call(admin, 'POST', `/api/organisations/${station.station.id}/office-lists`, {
      kind: 'branch',
      name: 'x',
    });
    expect(notOffice.json().error.code).toBe('office_lists.not_an_office');
    expect((await call(clerk, 'POST', lists, { kind: 'branch', name: 'شعبه ۱۰' })).statusCode).toBe(403);
    expect((await call(clerk, 'GET', lists)).statusCode).toBe(403);
    expect(await db.selectFrom('office_list_entries').selectAll().execute()).toEqual(before);
  });

  it('registers a file only with a branch and a دادیار from the lists once the office keeps them', async () => {
    const chief = await makeUser(db, station.station.id, 'station.chief');
    const ready = await makeReadyCase({ db, blobs, clock }, station.actor);
    const base = { db, clock, ip: null, caseId: ready.id };
    await prepareSubmission({ ...base, actor: station.actor });
    await approveSubmission({
      ...base,
      actor: { userId: chief.id, orgId: station.station.id, role: 'station.chief' },
      exchange,
    });
    await deliverAll({ db, clock, exchange });
    const file = await db
      .selectFrom('intake_files')
      .select('id')
      .where('case_ref', '=', ready.id)
      .executeTakeFirstOrThrow();
    const url = `/api/intake/${file.id}/register`;
    const typed = await call(clerk, 'POST', url, {
      fileNumber: '1405-77',
      branch: 'شعبه ۴',
      assignedJudge: 'دادیار رحیمی',
    });
    expect(typed.json().error.code).toBe('intake.branch_unknown');
    const retiredJudge = await call(clerk, 'POST', url, {
      fileNumber: '1405-77',
      branch: 'شعبه ۹',
      assignedJudge: 'بازپرس پیشین',
    });
    expect(retiredJudge.json().error.code).toBe('intake.staff_unknown');
    const row = await db
      .selectFrom('intake_files')
      .select(['status', 'branch'])
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'received', branch: null });
    const ok = await call(clerk, 'POST', url, {
      fileNumber: '1405-77',
      branch: 'شعبه ۹',
      assignedJudge: 'دادیار رحیمی',
    });
    expect(ok.statusCode).toBe(200);
  });

  it('counts the office\u2019s files per branch and per دادیار for its judge, and for nobody else', async () => {
    const judge = await signIn(app, (await makeUser(db, station.office.id, 'prosecutor.judge')).username);
    const period = 'from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z';
    const res = await call(judge, 'GET', `/api/figures/office-staff?${period}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().branches).toEqual([
      { name: 'شعبه ۹', registered: 1, ordersIssued: 0, ordersPending: 0, ordersOverdue: 0 },
    ]);
    expect(res.json().staff).toEqual([
      { name: 'دادیار رحیمی', registered: 1, ordersIssued: 0, ordersPending: 0, ordersOverdue: 0 },
    ]);
    const chief = await signIn(app, (await makeUser(db, station.station.id, 'station.chief')).username);
    const byStation = await call(chief, 'GET', `/api/figures/office-staff?${period}`);
    expect(byStation.json().error.code).toBe('office_lists.not_an_office');
    expect((await call(clerk, 'GET', `/api/figures/office-staff?${period}`)).statusCode).toBe(403);
    const reversed = await call(
      judge,
      'GET',
      '/api/figures/office-staff?from=2026-04-01T00:00:00Z&to=2026-03-01T00:00:00Z',
    );
    expect(reversed.json().error.code).toBe('figures.invalid_period');
  });
});
