import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import {
  deliverAll,
  makeCaseDocument,
  makeReadyCase,
  makeStationUser,
  makeUser,
} from '../../../../test/factories.js';
import type { Actor } from '../../../domain/permissions.js';
import { fixedClock } from '../../platform/clock.js';
import { fireDueClocks } from '../clocks/index.js';
import { registerIntake } from '../intake/index.js';
import { createLogger } from '../../platform/logger.js';
import { approveSubmission, prepareSubmission } from '../submission/index.js';

const { db } = await useTestDatabase();
const clock = fixedClock('2026-03-21T06:30:00Z');
const { app, exchange, blobs } = await useTestApp(db, { clock });
const HOUR = 3_600_000;
const inHours = (h: number) => new Date(clock.now().getTime() + h * HOUR).toISOString();

type Method = 'GET' | 'POST';
const call = (cookie: string, method: Method, url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

describe('judicial orders between the office and the station', () => {
  let station: Awaited<ReturnType<typeof makeStationUser>>;
  let clerk: Actor;
  let officerCookie: string;
  let clerkCookie: string;
  let judgeCookie: string;

  /** A case sent, delivered and (unless told not to) registered; returns its ids. */
  async function registeredFile(options: { register?: boolean } = {}) {
    const ready = await makeReadyCase({ db, blobs, clock }, station.actor);
    const base = { db, clock, ip: null, caseId: ready.id, actor: station.actor };
    await prepareSubmission(base);
    await approveSubmission({ ...base, exchange });
    await deliverAll({ db, clock, exchange });
    const file = await db
      .selectFrom('intake_files')
      .select('id')
      .where('case_ref', '=', ready.id)
      .executeTakeFirstOrThrow();
    if (options.register !== false) {
      await registerIntake({
        db,
        clock,
        ip: null,
        actor: clerk,
        intakeId: file.id,
        exchange,
        body: { fileNumber: `F-${ready.caseNumber}`, branch: 'شعبه ۱', assignedJudge: 'بازپرس' },
      });
      await deliverAll({ db, clock, exchange });
    }
    return { caseId: ready.id, intakeId: file.id };
  }

  const issue = (intakeId: string, deadlineAt: string, as = judgeCookie) =>
    call(as, 'POST', `/api/intake/${intakeId}/orders`, {
      kind: 'investigation',
      text: 'تحقیق از شهود و گزارش ظرف مهلت',
      deadlineAt,
    });

  beforeAll(async () => {
    station = await makeStationUser(db, 'station.chief');
    officerCookie = await signIn(app, (await makeUser(db, station.station.id, 'station.officer')).username);
    const clerkUser = await makeUser(db, station.office.id, 'prosecutor.clerk');
    clerk = { userId: clerkUser.id, orgId: station.office.id, role: 'prosecutor.clerk' };
    clerkCookie = await signIn(app, clerkUser.username);
    judgeCookie = await signIn(app, (await makeUser(db, station.office.id, 'prosecutor.judge')).username);
  });

  it('issues an order only on a registered file, only by a judge, and only with a deadline ahead (Art. 34)', async () => {
    const unregistered = await registeredFile({ register: false });
    const early = await issue(unregistered.intakeId, inHours(48));
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('intake.invalid_state');

    const file = await registeredFile();
    const byClerk = await issue(file.intakeId, inHours(48), clerkCookie);
    expect(byClerk.statusCode).toBe(403);
    const past = await issue(file.intakeId, inHours(-1));
    expect(past.statusCode).toBe(400);
    expect(past.json().error.code).toBe('orders.deadline_in_past');
    const noKind = await call(judgeCookie, 'POST', `/api/intake/${file.intakeId}/orders`, {
      text: 'x',
      deadlineAt: inHours(1),
    });
    expect(noKind.statusCode).toBe(400);

    const res = await issue(file.intakeId, inHours(48));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      side: 'office',
      status: 'open',
      kind: 'investigation',
      intakeFileId: file.intakeId,
      overdue: false,
    });
  });

  it('carries each step as a message that updates the other side\u2019s row: issue, acknowledge, report with documents, more requested, close', async () => {
    const file = await registeredFile();
    const issued = (await issue(file.intakeId, inHours(72))).json();
    await deliverAll({ db, clock, exchange });

    const inbox = (await call(officerCookie, 'GET', '/api/orders')).json();
    const mine = inbox.items.find((o: { orderId: string }) => o.orderId === issued.orderId);
    expect(mine).toMatchObject({
      side: 'station',
      status: 'open',
      caseId: file.caseId,
      deadlineAt: issued.deadlineAt,
      text: issued.text,
    });

    const byJudge = await call(judgeCookie, 'POST', `/api/orders/${issued.orderId}/acknowledge`);
    expect(byJudge.statusCode).toBe(403);
    const ack = await call(officerCookie, 'POST', `/api/orders/${issued.orderId}/acknowledge`);
    expect(ack.statusCode).toBe(200);
    expect(ack.json().status).toBe('acknowledged');
    await deliverAll({ db, clock, exchange });
    const atOffice = async () =>
      (await call(judgeCookie, 'GET', '/api/orders'))
        .json()
        .items.find((o: { orderId: string }) => o.orderId === issued.orderId);
    expect((await atOffice()).status).toBe('acknowledged');

    const doc = await makeCaseDocument({ db, blobs, clock }, station.actor, file.caseId, {
      kind: 'report',
      afterSending: true,
    });
    const report = await call(officerCookie, 'POST', `/api/orders/${issued.orderId}/report`, {
      report: 'از دو شاهد تحقیق شد؛ صورتجلسه پیوست است.',
      documentIds: [doc.id],
    });
    expect(report.statusCode).toBe(200);
    await deliverAll({ db, clock, exchange });
    const reported = await atOffice();
    expect(reported).toMatchObject({
      status: 'reported',
      report: 'از دو شاهد تحقیق شد؛ صورتجلسه پیوست است.',
    });
    expect(reported.reportDocuments.map((d: { sha256: string }) => d.sha256)).toEqual([doc.sha256]);
    const intake = (await call(clerkCookie, 'GET', `/api/intake/${file.intakeId}`)).json();
    expect(intake.documents.map((d: { sha256: string }) => d.sha256)).toContain(doc.sha256);

    const more = await call(judgeCookie, 'POST', `/api/orders/${issued.orderId}/close`, {
      outcome: 'more_requested',
      note: 'از شاکی هم تحقیق شود',
    });
    expect(more.json().status).toBe('open');
    await deliverAll({ db, clock, exchange });
    const reopened = (await call(officerCookie, 'GET', '/api/orders?status=open'))
      .json()
      .items.find((o: { orderId: string }) => o.orderId === issued.orderId);
    expect(reopened).toMatchObject({
      status: 'open',
      outcome: 'more_requested',
      closeNote: 'از شاکی هم تحقیق شود',
    });

    await call(officerCookie, 'POST', `/api/orders/${issued.orderId}/report`, {
      report: 'از شاکی نیز تحقیق شد.',
    });
    await deliverAll({ db, clock, exchange });
    const closed = await call(judgeCookie, 'POST', `/api/orders/${issued.orderId}/close`, {
      outcome: 'closed',
      note: '',
    });
    expect(closed.json().status).toBe('closed');
    await deliverAll({ db, clock, exchange });
    const done = (await call(officerCookie, 'GET', '/api/orders?status=closed'))
      .json()
      .items.map((o: { orderId: string }) => o.orderId);
    expect(done).toContain(issued.orderId);
    const again = await call(officerCookie, 'POST', `/api/orders/${issued.orderId}/acknowledge`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('orders.invalid_state');
  });

  it('keeps the deadline as a clock: the judge and the clerks are told 24 h and 1 h before, met by a report in time, a breach without one', async () => {
    const clockOf = (orderId: string) =>
      db
        .selectFrom('clocks')
        .selectAll()
        .where('kind', '=', 'order')
        .where('source_id', '=', orderId)
        .executeTakeFirstOrThrow();
    const log = createLogger('silent');
    const start = clock.now();
    const late = (await issue((await registeredFile()).intakeId, inHours(48))).json();
    const met = (await issue((await registeredFile()).intakeId, inHours(48))).json();
    await deliverAll({ db, clock, exchange });
    const lateClock = await clockOf(late.orderId);
    expect(lateClock).toMatchObject({
      state: 'running',
      legal_basis: 'CPC 1392 Art. 34',
      org_id: station.office.id,
    });

    await call(officerCookie, 'POST', `/api/orders/${met.orderId}/report`, { report: 'انجام شد.' });
    await deliverAll({ db, clock, exchange });
    expect((await clockOf(met.orderId)).state).toBe('met');

    clock.set(new Date(start.getTime() + 24 * HOUR + 1000));
    expect(
      (await fireDueClocks({ db, clock, log }))
        .filter((f) => f.clockId === lateClock.id)
        .map((f) => f.beforeSeconds),
    ).toEqual([86400]);
    const told = await db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['users.role'])
      .where('clock_id', '=', lateClock.id)
      .execute();
    expect(told.map((t) => t.role).sort()).toEqual(['prosecutor.clerk', 'prosecutor.judge']);
    clock.set(new Date(start.getTime() + 48 * HOUR + 1000));
    expect(
      (await fireDueClocks({ db, clock, log }))
        .filter((f) => f.clockId === lateClock.id)
        .map((f) => f.beforeSeconds),
    ).toEqual([3600, 0]);
    expect((await clockOf(late.orderId)).state).toBe('breached');
    expect((await clockOf(met.orderId)).state).toBe('met');
    clock.set(start);
  });

  it('answers every step in the shape the list reads the order in, case number and other side\u2019s name filled', async () => {
    const file = await registeredFile();
    const listed = async (cookie: string, orderId: string) =>
      (await call(cookie, 'GET', '/api/orders'))
        .json()
        .items.find((o: { orderId: string }) => o.orderId === orderId);
    const issued = await issue(file.intakeId, inHours(48));
    expect(issued.statusCode).toBe(201);
    const orderId = issued.json().orderId as string;
    expect(issued.json().caseNumber).toEqual(expect.any(String));
    expect(issued.json().counterpartName).toEqual(expect.any(String));
    expect(issued.json()).toEqual(await listed(judgeCookie, orderId));
    await deliverAll({ db, clock, exchange });

    const ack = await call(officerCookie, 'POST', `/api/orders/${orderId}/acknowledge`);
    expect(ack.json()).toEqual(await listed(officerCookie, orderId));
    expect(ack.json().caseNumber).toEqual(expect.any(String));
    expect(ack.json().counterpartName).toEqual(expect.any(String));
    const report = await call(officerCookie, 'POST', `/api/orders/${orderId}/report`, {
      report: 'انجام شد.',
    });
    expect(report.json()).toEqual(await listed(officerCookie, orderId));
    await deliverAll({ db, clock, exchange });
    const closed = await call(judgeCookie, 'POST', `/api/orders/${orderId}/close`, { outcome: 'closed' });
    expect(closed.json()).toEqual(await listed(judgeCookie, orderId));
  });

  it('hides an order from organisations it was not exchanged with (404 orders.not_found)', async () => {
    const file = await registeredFile();
    const issued = (await issue(file.intakeId, inHours(24))).json();
    await deliverAll({ db, clock, exchange });
    const stranger = await makeStationUser(db, 'station.officer');
    const cookie = await signIn(app, stranger.user.username);
    const res = await call(cookie, 'POST', `/api/orders/${issued.orderId}/acknowledge`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('orders.not_found');
    expect((await call(cookie, 'GET', '/api/orders')).json().items).toEqual([]);
  });

  it('lists overdue orders first on both sides once their deadline has passed', async () => {
    const file = await registeredFile();
    const later = (await issue(file.intakeId, inHours(10))).json();
    const sooner = (await issue(file.intakeId, inHours(2))).json();
    const far = (await issue(file.intakeId, inHours(30))).json();
    await deliverAll({ db, clock, exchange });
    clock.advance(3 * HOUR);

    for (const cookie of [judgeCookie, officerCookie]) {
      const items = (await call(cookie, 'GET', '/api/orders')).json().items as {
        orderId: string;
        overdue: boolean;
      }[];
      const ours = items.filter((o) => [later.orderId, sooner.orderId, far.orderId].includes(o.orderId));
      expect(ours.map((o) => o.orderId)).toEqual([sooner.orderId, later.orderId, far.orderId]);
      expect(items[0]).toMatchObject({ orderId: sooner.orderId, overdue: true });
      expect(ours.slice(1).every((o) => !o.overdue)).toBe(true);
      const overdue = (await call(cookie, 'GET', '/api/orders?overdue=true'))
        .json()
        .items.map((o: { orderId: string }) => o.orderId);
      expect(overdue).toEqual([sooner.orderId]);
    }
  });
  it('filters the orders page by state, case, station and due date on the server, and pages it by keyset', async () => {
    const one = await registeredFile();
    const two = await registeredFile();
    const tooFar = await issue(one.intakeId, inHours(181 * 24));
    expect(tooFar.statusCode).toBe(400);
    expect(tooFar.json().error).toMatchObject({
      code: 'orders.deadline_too_far',
      issues: [{ path: 'body.deadlineAt', code: 'orders.deadline_too_far' }],
    });
    expect((await issue(one.intakeId, inHours(180 * 24))).statusCode).toBe(201);
    const a = (await issue(one.intakeId, inHours(5))).json();
    const b = (await issue(two.intakeId, inHours(7))).json();
    const c = (await issue(two.intakeId, inHours(50))).json();
    await deliverAll({ db, clock, exchange });
    const ids = async (cookie: string, query: string) =>
      ((await call(cookie, 'GET', `/api/orders?${query}`)).json().items as { orderId: string }[]).map(
        (o) => o.orderId,
      );
    const [caseOne, caseTwo] = await Promise.all(
      [one, two].map((f) =>
        db.selectFrom('cases').select('case_number').where('id', '=', f.caseId).executeTakeFirstOrThrow(),
      ),
    );
    const persian = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    for (const cookie of [judgeCookie, officerCookie]) {
      expect(await ids(cookie, `caseNumber=${encodeURIComponent(persian(caseTwo!.case_number))}`)).toEqual([
        b.orderId,
        c.orderId,
      ]);
      const due = `dueFrom=${encodeURIComponent(inHours(6))}&dueTo=${encodeURIComponent(inHours(60))}`;
      expect(await ids(cookie, `caseNumber=${encodeURIComponent(caseOne!.case_number)}&${due}`)).toEqual([]);
      expect(await ids(cookie, `caseNumber=${encodeURIComponent(caseTwo!.case_number)}&${due}`)).toEqual([
        b.orderId,
        c.orderId,
      ]);
    }
    expect(await ids(judgeCookie, `intakeFileId=${two.intakeId}&pageSize=1`)).toEqual([b.orderId]);
    expect(await ids(judgeCookie, `intakeFileId=${one.intakeId}&pageSize=1`)).toEqual([a.orderId]);
    expect(await ids(officerCookie, `caseId=${one.caseId}&state=active`)).toHaveLength(2);
    expect(await ids(officerCookie, `orderId=${c.orderId}`)).toEqual([c.orderId]);
    expect(await ids(judgeCookie, `orderId=${c.orderId}`)).toEqual([c.orderId]);
    expect(
      await ids(judgeCookie, `counterpart=${station.station.code}&intakeFileId=${one.intakeId}`),
    ).toHaveLength(2);
    expect(await ids(judgeCookie, `counterpart=NOPE-1&intakeFileId=${one.intakeId}`)).toEqual([]);

    // Page by page, the same orders in the same order as one long page.
    const all = await ids(judgeCookie, 'pageSize=200');
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (
        await call(judgeCookie, 'GET', `/api/orders?pageSize=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json() as { items: { orderId: string }[]; next: string | null };
      paged.push(...page.items.map((o) => o.orderId));
      cursor = page.next;
    } while (cursor && paged.length < 300);
    expect(paged).toEqual(all);

    for (const bad of [
      'state=lost',
      'dueFrom=tomorrow',
      'caseId=12',
      'cursor=bm90LWEtY3Vyc29y',
      'pageSize=0',
    ]) {
      const res = await call(judgeCookie, 'GET', `/api/orders?${bad}`);
      expect(res.statusCode, bad).toBe(400);
    }
  });

  it('holds an order’s deadline to the millisecond: not at now, a millisecond ahead; overdue only once past it', async () => {
    const file = await registeredFile();
    const atNow = await issue(file.intakeId, clock.now().toISOString());
    expect(atNow.statusCode).toBe(400);
    expect(atNow.json().error.code).toBe('orders.deadline_in_past');
    const deadline = new Date(clock.now().getTime() + 1);
    const issued = await issue(file.intakeId, deadline.toISOString());
    expect(issued.statusCode).toBe(201);
    const { orderId } = issued.json() as { orderId: string };
    await deliverAll({ db, clock, exchange });

    /** Whether each side (office, station) sees the order overdue, in its list and in its overdue filter. */
    const overdueOnBothSides = async () =>
      Promise.all(
        [judgeCookie, officerCookie].map(async (cookie) => {
          const listed = (await call(cookie, 'GET', '/api/orders')).json().items as {
            orderId: string;
            overdue: boolean;
          }[];
          const filtered = (await call(cookie, 'GET', '/api/orders?overdue=true')).json().items as {
            orderId: string;
          }[];
          return [
            listed.find((o) => o.orderId === orderId)?.overdue,
            filtered.some((o) => o.orderId === orderId),
          ];
        }),
      );
    clock.set(deadline);
    expect(await overdueOnBothSides()).toEqual([
      [false, false],
      [false, false],
    ]);
    clock.set(new Date(deadline.getTime() + 1));
    expect(await overdueOnBothSides()).toEqual([
      [true, true],
      [true, true],
    ]);
  });
});
