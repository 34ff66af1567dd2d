import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import {
  deliverAll,
  makeCase,
  makeOrganisation,
  makeParty,
  makeReadyCase,
  makeStationUser,
  makeUser,
} from '../../../../test/factories.js';
import { fixedClock } from '../../platform/clock.js';
import { createLogger } from '../../platform/logger.js';
import { fireDueClocks } from '../clocks/index.js';
import { createOrganisation } from '../organisations/index.js';

const { db } = await useTestDatabase();
const clock = fixedClock('2026-05-10T06:00:00Z');
const { app, exchange, blobs } = await useTestApp(db, { clock });
const HOUR = 3_600_000;

type Method = 'GET' | 'POST';
const call = (cookie: string, method: Method, url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const deliver = () => deliverAll({ db, clock, exchange });
const inHours = (h: number) => new Date(clock.now().getTime() + h * HOUR).toISOString();
/** The escort unit's pick-up clock of an escort. */
const pickupClockOf = (escortId: string) =>
  db
    .selectFrom('clocks')
    .select(['id', 'state', 'stop_reason', 'due_at', 'notify_roles'])
    .where('kind', '=', 'escort_pickup')
    .where('source_id', '=', escortId)
    .executeTakeFirstOrThrow();

describe('escorts (بدرقه) between a station and its escort unit', () => {
  let station: Awaited<ReturnType<typeof makeStationUser>>;
  const cookies: Record<string, string> = {};

  /** A case with an accused held since two hours ago; its id and the accused's party id. */
  async function caseInCustody() {
    const opened = await makeReadyCase({ db, blobs, clock }, station.actor, {
      custodySince: new Date(clock.now().getTime() - 2 * HOUR),
    });
    const accused = await db
      .selectFrom('parties')
      .select('id')
      .where('case_id', '=', opened.id)
      .where('role', '=', 'accused')
      .executeTakeFirstOrThrow();
    return { caseId: opened.id, caseNumber: opened.caseNumber, partyId: accused.id };
  }

  const request = (caseId: string, partyId: string, overrides: object = {}, as = cookies.officer!) =>
    call(as, 'POST', `/api/cases/${caseId}/escorts`, {
      partyId,
      destination: 'prosecutor_office',
      place: 'دادسرای ناحیه ۴ تهران، شعبه‌ی ۲ بازپرسی',
      scheduledAt: inHours(2),
      reason: 'معرفی متهم به بازپرس پیش از پایان مهلت تحت نظر',
      ...overrides,
    });
  const escortsOf = async (who: string, query = '') =>
    (await call(cookies[who]!, 'GET', `/api/escorts${query}`)).json().items as {
      escortId: string;
      status: string;
      [key: string]: unknown;
    }[];
  const step = (who: string, escortId: string, path: string, payload: object) =>
    call(cookies[who]!, 'POST', `/api/escorts/${escortId}/${path}`, payload);

  beforeAll(async () => {
    station = await makeStationUser(db, 'station.officer');
    const unit = await makeOrganisation(db, { kind: 'escort_unit' });
    const other = await makeStationUser(db, 'station.officer');
    const users = {
      officer: station.user,
      chief: await makeUser(db, station.station.id, 'station.chief'),
      escort: await makeUser(db, unit.id, 'escort.officer'),
      otherOfficer: other.user,
      clerk: await makeUser(db, station.office.id, 'prosecutor.clerk'),
    };
    for (const [who, user] of Object.entries(users)) cookies[who] = await signIn(app, user.username);
  });

  it('sends the escort unit the person, where, when and why, with the custody clock; each side lists it', async () => {
    const held = await caseInCustody();
    const res = await request(held.caseId, held.partyId);
    expect(res.statusCode).toBe(201);
    const asked = res.json();
    expect(asked).toMatchObject({
      side: 'station',
      status: 'requested',
      caseNumber: held.caseNumber,
      late: false,
    });
    await deliver();
    const work = await escortsOf('escort');
    const received = work.find((e) => e.escortId === asked.escortId);
    expect(received).toMatchObject({
      side: 'escort_unit',
      status: 'requested',
      caseNumber: held.caseNumber,
      counterpart: station.station.code,
      counterpartName: station.station.nameFa,
      person: { firstName: 'علی', lastName: 'رضایی' },
      inCustodySince: new Date(clock.now().getTime() - 2 * HOUR).toISOString(),
      destination: 'prosecutor_office',
      place: 'دادسرای ناحیه ۴ تهران، شعبه‌ی ۲ بازپرسی',
    });
    expect((await escortsOf('officer', `?caseId=${held.caseId}`)).map((e) => e.escortId)).toEqual([
      asked.escortId,
    ]);
  });

  it('carries assignment, pick-up and delivery back to the station, and ends the custody at the delivery', async () => {
    const held = await caseInCustody();
    const { escortId, scheduledAt } = (await request(held.caseId, held.partyId)).json();
    await deliver();
    // The unit's clock runs from the request to the time the station asked for.
    const opened = await pickupClockOf(escortId);
    expect(opened).toMatchObject({ state: 'running', notify_roles: ['escort.officer'] });
    expect(new Date(opened.due_at).toISOString()).toBe(scheduledAt);
    const assigned = await step('escort', escortId, 'assign', {
      officers: 'ستوان کریمی، استوار نادری',
      vehicle: 'ون ۲۲ ب ۴۵۶',
    });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({ status: 'assigned', officers: 'ستوان کریمی، استوار نادری' });
    await deliver();
    expect((await escortsOf('officer', `?caseId=${held.caseId}`))[0]).toMatchObject({
      status: 'assigned',
      officers: 'ستوان کریمی، استوار نادری',
      vehicle: 'ون ۲۲ ب ۴۵۶',
    });

    clock.advance(HOUR);
    expect(
      (await step('escort', escortId, 'hand-over', { stage: 'picked_up', counterpart: 'ستوان محمدی' }))
        .statusCode,
    ).toBe(200);
    await deliver();
    expect((await escortsOf('officer', `?caseId=${held.caseId}`))[0]).toMatchObject({
      status: 'picked_up',
      pickedUpFrom: 'ستوان محمدی',
    });
    expect(await pickupClockOf(escortId)).toMatchObject({ state: 'met' });
    const custodyBefore = await db
      .selectFrom('custody_records')
      .select('ended_at')
      .where('party_id', '=', held.partyId)
      .executeTakeFirstOrThrow();
    expect(custodyBefore.ended_at).toBeNull();

    clock.advance(HOUR);
    const deliveredAt = clock.now();
    expect(
      (await step('escort', escortId, 'hand-over', { stage: 'delivered', counterpart: 'مدیر دفتر شعبه‌ی ۲' }))
        .statusCode,
    ).toBe(200);
    await deliver();
    expect((await escortsOf('officer', `?caseId=${held.caseId}`))[0]).toMatchObject({
      status: 'delivered',
      deliveredTo: 'مدیر دفتر شعبه‌ی ۲',
      deliveredAt: deliveredAt.toISOString(),
    });
    const custody = await db
      .selectFrom('custody_records')
      .select(['ended_at', 'end_reason'])
      .where('party_id', '=', held.partyId)
      .executeTakeFirstOrThrow();
    expect(custody).toEqual({ ended_at: deliveredAt, end_reason: 'handed_to_prosecutor' });
    const events = await db
      .selectFrom('case_events')
      .select('type')
      .where('case_id', '=', held.caseId)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'escort.requested',
        'escort.assigned',
        'escort.picked_up',
        'escort.delivered',
        'custody.ended',
      ]),
    );
  });

  it('answers every step in the shape the list reads the escort in, the other side\u2019s name filled', async () => {
    const held = await caseInCustody();
    const requested = await request(held.caseId, held.partyId);
    const { escortId } = requested.json();
    const listed = async (who: string) => (await escortsOf(who)).find((e) => e.escortId === escortId);
    expect(requested.json()).toEqual(await listed('officer'));
    await deliver();
    const assigned = await step('escort', escortId, 'assign', { officers: 'ستوان کریمی' });
    expect(assigned.json().counterpartName).toEqual(expect.any(String));
    expect(assigned.json()).toEqual(await listed('escort'));
    await deliver();
    const cancelled = await step('officer', escortId, 'cancel', { reason: 'جلسه به تعویق افتاد' });
    expect(cancelled.json()).toEqual(await listed('officer'));
  });

  it('keeps the order of the steps: no delivery before the pick-up, no pick-up before the assignment (409)', async () => {
    const held = await caseInCustody();
    const { escortId } = (await request(held.caseId, held.partyId)).json();
    await deliver();
    const early = await step('escort', escortId, 'hand-over', { stage: 'picked_up', counterpart: 'x' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('escorts.invalid_state');
    await step('escort', escortId, 'assign', { officers: 'ستوان کریمی' });
    const skipped = await step('escort', escortId, 'hand-over', { stage: 'delivered', counterpart: 'x' });
    expect(skipped.json().error.code).toBe('escorts.invalid_state');
  });

  it('lets the station call an escort off before the pick-up, and not after', async () => {
    const held = await caseInCustody();
    const { escortId } = (await request(held.caseId, held.partyId)).json();
    await deliver();
    const cancelled = await step('officer', escortId, 'cancel', {
      reason: 'جلسه‌ی رسیدگی به صورت برخط برگزار می‌شود',
    });
    expect(cancelled.json()).toMatchObject({
      status: 'cancelled',
      cancelReason: 'جلسه‌ی رسیدگی به صورت برخط برگزار می‌شود',
    });
    await deliver();
    expect((await escortsOf('escort')).find((e) => e.escortId === escortId)).toMatchObject({
      status: 'cancelled',
    });
    expect(await pickupClockOf(escortId)).toMatchObject({
      state: 'stopped',
      stop_reason: 'escort.cancelled',
    });
    expect((await step('escort', escortId, 'assign', { officers: 'x' })).json().error.code).toBe(
      'escorts.invalid_state',
    );

    const second = await caseInCustody();
    const picked = (await request(second.caseId, second.partyId)).json();
    await deliver();
    await step('escort', picked.escortId, 'assign', { officers: 'ستوان کریمی' });
    await step('escort', picked.escortId, 'hand-over', { stage: 'picked_up', counterpart: 'ستوان محمدی' });
    await deliver();
    expect((await step('officer', picked.escortId, 'cancel', { reason: 'دیر شد' })).statusCode).toBe(409);
  });

  it('marks an escort late on both sides once its time has passed and nobody has picked the person up', async () => {
    const held = await caseInCustody();
    const { escortId } = (await request(held.caseId, held.partyId, { scheduledAt: inHours(1) })).json();
    await deliver();
    clock.advance(2 * HOUR);
    expect((await escortsOf('officer', `?caseId=${held.caseId}`))[0]).toMatchObject({ late: true });
    expect((await escortsOf('escort')).find((e) => e.escortId === escortId)).toMatchObject({ late: true });
    // Past its time and nobody picked the person up: the unit's clock fired its alert and its breach, once.
    const fired = await fireDueClocks({ db, clock, log: createLogger('silent') });
    const clockId = (await pickupClockOf(escortId)).id;
    expect(fired.filter((f) => f.clockId === clockId).map((f) => f.beforeSeconds)).toEqual([3600, 0]);
    expect(await pickupClockOf(escortId)).toMatchObject({ state: 'breached' });
    expect(
      await db.selectFrom('clock_breaches').select('kind').where('clock_id', '=', clockId).execute(),
    ).toEqual([{ kind: 'escort_pickup' }]);
  });

  it('refuses bad requests with a clear code, and writes nothing', async () => {
    const held = await caseInCustody();
    const elsewhere = await makeCase(db, station.actor);
    const stranger = await makeParty(db, station.actor, elsewhere.id);
    const before = await db.selectFrom('escorts').select('escort_id').execute();
    const outboxBefore = await db.selectFrom('outbox').select('message_id').execute();

    const wrongParty = await request(held.caseId, stranger.id);
    expect([wrongParty.statusCode, wrongParty.json().error.code]).toEqual([404, 'parties.not_found']);
    const past = await request(held.caseId, held.partyId, { scheduledAt: inHours(-1) });
    expect([past.statusCode, past.json().error.code]).toEqual([400, 'escorts.scheduled_in_past']);
    const noPlace = await request(held.caseId, held.partyId, { place: '   ' });
    expect(noPlace.statusCode).toBe(400);
    const nowhere = await request(held.caseId, held.partyId, { destination: 'moon' });
    expect(nowhere.statusCode).toBe(400);
    const notOurs = await request(held.caseId, held.partyId, {}, cookies.otherOfficer);
    expect([notOurs.statusCode, notOurs.json().error.code]).toEqual([404, 'cases.not_found']);
    const unknownOrder = await request(held.caseId, held.partyId, {
      orderId: '0196a6f0-0000-7000-8000-000000000000',
    });
    expect(unknownOrder.json().error.code).toBe('orders.not_found');

    expect(await db.selectFrom('escorts').select('escort_id').execute()).toEqual(before);
    expect(await db.selectFrom('outbox').select('message_id').execute()).toEqual(outboxBefore);
  });

  it('answers 422 escorts.no_escort_unit to a station whose province has no escort unit on this node', async () => {
    const far = await createOrganisation({
      db,
      clock,
      actor: null,
      nodeId: exchange.nodeId,
      body: {
        code: 'KL-KRM-1',
        kind: 'station',
        nameFa: 'کلانتری ۱ کرمان',
        nameEn: 'Kerman 1',
        provinceCode: 'IR-08',
        countyCode: 'IR-08-KERMAN',
      },
    });
    const officer = await makeUser(db, far.id, 'station.officer');
    const actor = { userId: officer.id, orgId: far.id, role: 'station.officer' as const };
    const opened = await makeCase(db, actor);
    const accused = await makeParty(db, actor, opened.id);
    const res = await request(opened.id, accused.id, {}, await signIn(app, officer.username));
    expect([res.statusCode, res.json().error.code]).toEqual([422, 'escorts.no_escort_unit']);
  });

  it('lets only the station ask and cancel and only the escort unit carry out; others\u2019 escorts are not found', async () => {
    const held = await caseInCustody();
    const { escortId } = (await request(held.caseId, held.partyId)).json();
    await deliver();
    const escortAsks = await request(held.caseId, held.partyId, {}, cookies.escort);
    expect(escortAsks.statusCode).toBe(404); // the case is not the escort unit's
    const officerAssigns = await step('officer', escortId, 'assign', { officers: 'x' });
    expect([officerAssigns.statusCode, officerAssigns.json().error.code]).toEqual([403, 'auth.forbidden']);
    const strangerCancels = await step('otherOfficer', escortId, 'cancel', { reason: 'x' });
    expect([strangerCancels.statusCode, strangerCancels.json().error.code]).toEqual([
      404,
      'escorts.not_found',
    ]);
    const clerkLists = await call(cookies.clerk!, 'GET', '/api/escorts');
    expect(clerkLists.statusCode).toBe(403);
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', escortId)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['escort.requested', 'escort.updated_by_message']);
  });
});
