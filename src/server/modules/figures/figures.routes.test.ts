import { beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import {
  officeMeasures,
  policeMeasures,
  type FigureCase,
  type FigureCasesPage,
} from '../../../domain/figures/figure-cases.schema.js';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import {
  deliverAll,
  makeCase,
  makeOrganisation,
  makeReadyCase,
  makeStationUser,
  makeUser,
} from '../../../../test/factories.js';
import type { Actor } from '../../../domain/permissions.js';
import { fixedClock } from '../../platform/clock.js';
import { createLogger } from '../../platform/logger.js';
import { fireDueClocks } from '../clocks/index.js';
import { createOrganisation } from '../organisations/index.js';
import { registerIntake, rejectIntake, returnIntake } from '../intake/index.js';
import { issueOrder } from '../orders/index.js';
import { approveSubmission, prepareSubmission } from '../submission/index.js';

const { db } = await useTestDatabase();
const clock = fixedClock('2026-03-20T21:00:00Z'); // 00:30 in Tehran, 1 Farvardin 1405
const { app, exchange, blobs } = await useTestApp(db, { clock });
const HOUR = 3_600_000;
const dayStart = new Date('2026-03-20T20:30:00Z'); // 1 Farvardin 1405, 00:00 in Tehran

const figures = (cookie: string, from: Date, to: Date) =>
  app.inject({
    method: 'GET',
    url: '/api/figures',
    query: { from: from.toISOString(), to: to.toISOString() },
    headers: { cookie },
  });
const today = () => ({ from: dayStart, to: new Date(dayStart.getTime() + 24 * HOUR) });

describe('the figures managers steer by', () => {
  let station: Awaited<ReturnType<typeof makeStationUser>>;
  let chief: Actor;
  let clerk: Actor;
  let judge: Actor;
  const cookies: Record<string, string> = {};

  /** A ready complaint opened now, sent after `sendAfterHours`, delivered to the office; its intake file. */
  async function sendCase(sendAfterHours: number, options: { custodySince?: Date } = {}) {
    const ready = await makeReadyCase({ db, blobs, clock }, station.actor, options);
    clock.advance(sendAfterHours * HOUR);
    const base = { db, clock, ip: null, caseId: ready.id };
    await prepareSubmission({ ...base, actor: station.actor });
    await approveSubmission({ ...base, actor: chief, exchange });
    await deliverAll({ db, clock, exchange });
    const file = await db
      .selectFrom('intake_files')
      .select('id')
      .where('case_ref', '=', ready.id)
      .executeTakeFirstOrThrow();
    return { caseId: ready.id, intakeId: file.id };
  }

  const decide = { db, clock, ip: null, exchange };

  beforeAll(async () => {
    station = await makeStationUser(db, 'station.officer');
    const chiefUser = await makeUser(db, station.station.id, 'station.chief');
    chief = { userId: chiefUser.id, orgId: station.station.id, role: 'station.chief' };
    const clerkUser = await makeUser(db, station.office.id, 'prosecutor.clerk');
    clerk = { userId: clerkUser.id, orgId: station.office.id, role: 'prosecutor.clerk' };
    const judgeUser = await makeUser(db, station.office.id, 'prosecutor.judge');
    judge = { userId: judgeUser.id, orgId: station.office.id, role: 'prosecutor.judge' };
    const hq = await makeOrganisation(db, { kind: 'hq' });
    const supervisor = await makeUser(db, hq.id, 'supervisor');
    const admin = await makeUser(db, hq.id, 'admin');

    // A station of another province, with a case of its own today.
    const elsewhere = await createOrganisation({
      db,
      clock,
      actor: null,
      nodeId: exchange.nodeId,
      body: {
        code: 'KL-SHZ-1',
        kind: 'station',
        nameFa: 'کلانتری ۱ شیراز',
        nameEn: 'Shiraz 1',
        provinceCode: 'IR-07',
        countyCode: 'IR-07-SHIRAZ',
      },
    });
    const shirazOfficer = await makeUser(db, elsewhere.id, 'station.officer');
    await makeCase(db, { userId: shirazOfficer.id, orgId: elsewhere.id, role: 'station.officer' }, {}, clock);

    // Station's day: three files sent after 2, 4 and 6 hours; the first registered 3 h after sending,
    // the second returned for evidence after 1 h, the third (custody since 30 h ago) rejected after 2 h.
    const first = await sendCase(2);
    clock.advance(3 * HOUR);
    await registerIntake({
      ...decide,
      actor: clerk,
      intakeId: first.intakeId,
      body: { fileNumber: '1405-ک-1', branch: 'شعبه ۱', assignedJudge: 'دادیار صالحی' },
    });
    await deliverAll({ db, clock, exchange });
    const second = await sendCase(4);
    clock.advance(HOUR);
    await returnIntake({
      ...decide,
      actor: clerk,
      intakeId: second.intakeId,
      body: { deficiencies: [{ code: 'deficiency.evidence', text: 'فیلم دوربین پیوست شود' }] },
    });
    await deliverAll({ db, clock, exchange });
    const third = await sendCase(6, { custodySince: new Date(clock.now().getTime() - 30 * HOUR) });
    clock.advance(2 * HOUR);
    await rejectIntake({
      ...decide,
      actor: clerk,
      intakeId: third.intakeId,
      body: {
        reasons: [{ code: 'rejection.not_criminal', text: 'اختلاف حقوقی است' }],
      },
    });
    await deliverAll({ db, clock, exchange });
    // An order on the registered file, due in an hour, then two hours pass: overdue on both sides.
    await issueOrder({
      ...decide,
      actor: judge,
      intakeId: first.intakeId,
      body: {
        kind: 'investigation',
        text: 'تحقیق از شهود',
        deadlineAt: new Date(clock.now().getTime() + HOUR).toISOString(),
      },
    });
    await deliverAll({ db, clock, exchange });
    // An escort of the held accused, due in an hour: nobody picks them up, so it is late two hours on.
    await makeOrganisation(db, { kind: 'escort_unit' });
    const accused = await db
      .selectFrom('parties')
      .select('id')
      .where('case_id', '=', third.caseId)
      .where('role', '=', 'accused')
      .executeTakeFirstOrThrow();
    const escort = await app.inject({
      method: 'POST',
      url: `/api/cases/${third.caseId}/escorts`,
      headers: { cookie: await signIn(app, station.user.username) },
      payload: {
        partyId: accused.id,
        destination: 'prosecutor_office',
        place: 'دادسرای ناحیه ۴ تهران',
        scheduledAt: new Date(clock.now().getTime() + HOUR).toISOString(),
        reason: 'معرفی متهم به بازپرس',
      },
    });
    expect(escort.statusCode).toBe(201);
    clock.advance(2 * HOUR);
    // A case opened today and not sent yet.
    await makeCase(db, station.actor, { origin: 'officer_report' }, clock);

    // Signed in at the end of the day (a session started at its beginning would have expired).
    const users = {
      chief: chiefUser,
      officer: station.user,
      clerk: clerkUser,
      judge: judgeUser,
      supervisor,
      admin,
    };
    for (const [who, user] of Object.entries(users)) cookies[who] = await signIn(app, user.username);
  });

  it('gives a station chief the station\u2019s day: opened, sent, answered, with the medians, custody and overdue orders', async () => {
    const res = await figures(cookies.chief!, today().from, today().to);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.view).toBe('police');
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0].unit).toEqual({ code: station.station.code, name: station.station.nameFa });
    const expected = {
      opened: 4,
      complaints: 3,
      sent: 3,
      medianHoursToSend: 4,
      registered: 1,
      returned: 1,
      rejected: 1,
      medianHoursToAnswer: 2,
      custodyStarted: 0, // began the day before yesterday, 30 hours before the third file was opened
      inCustodyNow: 1,
      ordersReceived: 1,
      ordersOverdue: 1,
      escortsRequested: 1,
      escortsDone: 0,
      escortsLate: 1,
    };
    expect(body.rows[0].figures).toMatchObject(expected);
    expect(body.total).toMatchObject(expected);
    expect(body.topDeficiencies).toEqual([{ code: 'deficiency.evidence', count: 1 }]);
    expect(body.topRejections).toEqual([{ code: 'rejection.not_criminal', count: 1 }]);
  });

  it('counts a custody that began in the period and went past 24 hours as over the limit', async () => {
    const since = new Date(dayStart.getTime() - 2 * 24 * HOUR);
    const res = await figures(cookies.chief!, since, today().to);
    expect(res.json().rows[0].figures).toMatchObject({
      custodyStarted: 1,
      custodyOverLimit: 1,
      inCustodyNow: 1,
    });
  });

  it('counts the breach records per unit and kind once the scheduler has recorded them (the custody past 24 hours)', async () => {
    await fireDueClocks({ db, clock, log: createLogger('silent') });
    const res = await figures(cookies.chief!, today().from, today().to);
    const unit = { code: station.station.code, name: station.station.nameFa };
    // It began at 18:30 Tehran time, after office hours, and nobody recorded the one-hour notice either.
    expect(res.json().breaches).toEqual({
      rows: [
        { unit, kind: 'custody', count: 1 },
        { unit, kind: 'custody_notice', count: 1 },
      ],
      total: 2,
    });
    const before = await figures(
      cookies.chief!,
      new Date('2026-03-01T00:00:00Z'),
      new Date('2026-03-15T00:00:00Z'),
    );
    expect(before.json().breaches).toEqual({ rows: [], total: 0 });
  });

  it('counts nothing that happened outside the period, but still what stands open now', async () => {
    const res = await figures(
      cookies.chief!,
      new Date('2026-03-01T00:00:00Z'),
      new Date('2026-03-15T00:00:00Z'),
    );
    expect(res.json().rows[0].figures).toEqual({
      opened: 0,
      complaints: 0,
      sent: 0,
      medianHoursToSend: null,
      registered: 0,
      returned: 0,
      rejected: 0,
      medianHoursToAnswer: null,
      custodyStarted: 0,
      custodyOverLimit: 0,
      inCustodyNow: 1,
      ordersReceived: 0,
      ordersOverdue: 1,
      escortsRequested: 0,
      escortsDone: 0,
      escortsLate: 0,
    });
  });

  it('gives an HQ\u2019s supervisor every police unit of its province on this node, not another province\u2019s', async () => {
    const body = (await figures(cookies.supervisor!, today().from, today().to)).json();
    const codes = body.rows.map((r: { unit: { code: string } }) => r.unit.code);
    expect(codes).toContain(station.station.code);
    expect(codes).not.toContain('KL-SHZ-1');
    const mine = body.rows.find((r: { unit: { code: string } }) => r.unit.code === station.station.code);
    expect(mine.figures.opened).toBe(4);
    expect(body.total.opened).toBe(
      body.rows.reduce((n: number, r: { figures: { opened: number } }) => n + r.figures.opened, 0),
    );
    const admin = (await figures(cookies.admin!, today().from, today().to)).json();
    expect(admin.rows.map((r: { unit: { code: string } }) => r.unit.code)).toContain('KL-SHZ-1');
    expect(admin.total.opened).toBe(body.total.opened + 1);
  });

  it('gives a prosecutor\u2019s office its intake per sending station', async () => {
    const res = await figures(cookies.judge!, today().from, today().to);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.view).toBe('office');
    expect(body.rows).toEqual([
      {
        unit: { code: station.station.code, name: station.station.nameFa },
        figures: {
          received: 3,
          registered: 1,
          returned: 1,
          rejected: 1,
          medianHoursToDecide: 2,
          awaitingDecision: 0,
          ordersIssued: 1,
          ordersOverdue: 1,
        },
      },
    ]);
    expect(body.topDeficiencies).toEqual([{ code: 'deficiency.evidence', count: 1 }]);
  });

  it('keeps the figures from officers and clerks (403), and audits each reading without any figure', async () => {
    for (const who of ['officer', 'clerk']) {
      const res = await figures(cookies[who]!, today().from, today().to);
      expect(res.statusCode, who).toBe(403);
      expect(res.json().error.code).toBe('auth.forbidden');
    }
    const audit = await db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'details'])
      .where('action', '=', 'figures.viewed')
      .where('actor_user_id', '=', chief.userId)
      .orderBy('seq')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
    expect(audit[0]?.details).toEqual({
      view: 'police',
      from: today().from.toISOString(),
      to: today().to.toISOString(),
      units: 1,
    });
  });

  it('answers 400 figures.invalid_period to a period that ends before it starts or covers more than 400 days', async () => {
    const backwards = await figures(cookies.chief!, today().to, today().from);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.code).toBe('figures.invalid_period');
    const tooLong = await figures(cookies.chief!, new Date('2025-01-01T00:00:00Z'), today().to);
    expect(tooLong.json().error.code).toBe('figures.invalid_period');
    const missing = await app.inject({
      method: 'GET',
      url: '/api/figures',
      headers: { cookie: cookies.chief! },
    });
    expect(missing.statusCode).toBe(400);
  });

  /** Every page of a drill-down, read two items at a time (so that the keyset is used). */
  async function drillDown(cookie: string, query: Record<string, string>) {
    const items: FigureCase[] = [];
    let cursor: string | null = null;
    do {
      const res: LightMyRequestResponse = await app.inject({
        method: 'GET',
        url: '/api/figures/cases',
        query: { ...query, limit: '2', ...(cursor ? { cursor } : {}) },
        headers: { cookie },
      });
      expect(res.statusCode, JSON.stringify(query)).toBe(200);
      const page = res.json<FigureCasesPage>();
      items.push(...page.items);
      cursor = page.next;
    } while (cursor);
    return items;
  }

  /** The figure a measure lists: its own key, or the answers a median is taken over. */
  const figureOf = (figures: Record<string, number>, measure: string) =>
    measure === 'answered' || measure === 'decided'
      ? figures.registered! + figures.returned! + figures.rejected!
      : figures[measure]!;

  it('lists behind every figure exactly as many things as it counts, for each unit and in total, with links to the cases', async () => {
    const twoDays = { from: new Date(dayStart.getTime() - 2 * 24 * HOUR), to: today().to };
    // The chief's unit over two periods, the office's stations, and the administrator's total over the node.
    const views = [
      { who: 'chief', ...today(), perUnit: true },
      { who: 'chief', ...twoDays, perUnit: true },
      { who: 'judge', ...today(), perUnit: true },
      { who: 'admin', ...today(), perUnit: false },
    ];
    for (const { who, from, to, perUnit } of views) {
      const period = { from: from.toISOString(), to: to.toISOString() };
      const body = (await figures(cookies[who]!, from, to)).json();
      const measures = body.view === 'police' ? policeMeasures : officeMeasures;
      for (const measure of measures) {
        const all = await drillDown(cookies[who]!, { ...period, measure });
        expect(all.length, `${who} ${measure}`).toBe(figureOf(body.total, measure));
        expect(new Set(all.map((i) => i.key)).size).toBe(all.length);
        for (const row of perUnit ? body.rows : []) {
          const one = await drillDown(cookies[who]!, { ...period, measure, unit: row.unit.code });
          expect(one.length, `${who} ${measure} ${row.unit.code}`).toBe(figureOf(row.figures, measure));
          expect(one.every((i) => i.unit.code === row.unit.code)).toBe(true);
        }
      }
    }
    const sent = await drillDown(cookies.chief!, {
      ...today(),
      from: dayStart.toISOString(),
      to: today().to.toISOString(),
      measure: 'sent',
    });
    expect(sent.every((i) => i.caseId !== null)).toBe(true);
    const received = await drillDown(cookies.judge!, {
      from: dayStart.toISOString(),
      to: today().to.toISOString(),
      measure: 'received',
    });
    expect(received.every((i) => i.intakeId !== null)).toBe(true);
  });

  it('finds no unit outside the actor’s care, refuses a measure of the other view, and audits each list without its items', async () => {
    const period = { from: dayStart.toISOString(), to: today().to.toISOString() };
    const call = (cookie: string, query: Record<string, string>) =>
      app.inject({ method: 'GET', url: '/api/figures/cases', query, headers: { cookie } });
    const elsewhere = await call(cookies.chief!, { ...period, measure: 'opened', unit: 'KL-SHZ-1' });
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().error.code).toBe('figures.unit_not_found');
    const shiraz = await call(cookies.admin!, { ...period, measure: 'opened', unit: 'KL-SHZ-1' });
    expect(shiraz.json().items).toHaveLength(1);
    const wrongView = await call(cookies.judge!, { ...period, measure: 'opened' });
    expect(wrongView.statusCode).toBe(400);
    expect(wrongView.json().error.code).toBe('figures.unknown_measure');
    const unknown = await call(cookies.chief!, { ...period, measure: 'bogus' });
    expect(unknown.statusCode).toBe(400);
    const badCursor = await call(cookies.chief!, { ...period, measure: 'opened', cursor: 'xyz' });
    expect(badCursor.json().error.code).toBe('list.invalid_cursor');
    expect((await call(cookies.officer!, { ...period, measure: 'opened' })).statusCode).toBe(403);
    const audit = await db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'figures.cases_listed')
      .where('actor_user_id', '=', chief.userId)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ measure: expect.any(String), from: expect.any(String) });
    expect(JSON.stringify(audit.details)).not.toContain('caseId');
  });
});
