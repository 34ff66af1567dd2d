import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import {
  deliverAll,
  makeCase,
  makeCaseDocument,
  makeReadyCase,
  makeStationUser,
  makeUser,
} from '../../../../test/factories.js';
import { fixedClock } from '../../platform/clock.js';
import { setJurisdictionRule } from '../organisations/organisations.usecase.js';

const { db } = await useTestDatabase();
const clock = fixedClock('2026-03-21T06:30:00Z');
const { app, exchange, blobs } = await useTestApp(db, { clock });

type Method = 'GET' | 'POST' | 'PATCH';
const call = (cookie: string, method: Method, url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

describe('sending a case from the station', () => {
  let officer: Awaited<ReturnType<typeof makeStationUser>>;
  let chiefActor: typeof officer.actor;
  let officerCookie: string;
  let chiefCookie: string;
  let otherCookie: string;

  beforeAll(async () => {
    officer = await makeStationUser(db, 'station.officer');
    const chief = await makeUser(db, officer.station.id, 'station.chief');
    chiefActor = { userId: chief.id, orgId: officer.station.id, role: 'station.chief' };
    officerCookie = await signIn(app, officer.user.username);
    chiefCookie = await signIn(app, chief.username);
    otherCookie = await signIn(app, (await makeStationUser(db, 'station.chief')).user.username);
  });

  const readyCase = () => makeReadyCase({ db, blobs, clock }, officer.actor);

  it('refuses to prepare a file that is not ready, with the list of what is missing', async () => {
    const draft = await makeCase(db, officer.actor, {}, clock);
    const res = await call(officerCookie, 'POST', `/api/cases/${draft.id}/submission/prepare`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('cases.not_ready');
    const missing = (res.json().error.details.missing as { code: string }[]).map((m) => m.code);
    expect(missing).toEqual(
      expect.arrayContaining([
        'readiness.no_party',
        'readiness.no_crime_category',
        'readiness.no_complaint_document',
      ]),
    );
    const after = await call(officerCookie, 'GET', `/api/cases/${draft.id}`);
    expect(after.json().status).toBe('draft');
  });

  it('lets an officer prepare a ready file, which then waits for the chief and can no longer be edited', async () => {
    const ready = await readyCase();
    const res = await call(officerCookie, 'POST', `/api/cases/${ready.id}/submission/prepare`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      caseId: ready.id,
      caseStatus: 'awaiting_approval',
      sentAt: null,
      messageId: null,
    });
    const edit = await call(officerCookie, 'PATCH', `/api/cases/${ready.id}`, { narrative: 'تغییر' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('cases.not_editable');
  });

  it('does not let an officer approve (403 auth.forbidden), and another station\u2019s chief does not even see the case (404)', async () => {
    const ready = await readyCase();
    await call(officerCookie, 'POST', `/api/cases/${ready.id}/submission/prepare`);
    const byOfficer = await call(officerCookie, 'POST', `/api/cases/${ready.id}/submission/approve`);
    expect(byOfficer.statusCode).toBe(403);
    expect(byOfficer.json().error.code).toBe('auth.forbidden');
    const byStranger = await call(otherCookie, 'POST', `/api/cases/${ready.id}/submission/approve`);
    expect(byStranger.statusCode).toBe(404);
    expect(byStranger.json().error.code).toBe('cases.not_found');
    expect(
      await db.selectFrom('messages').select('id').where('case_ref', '=', ready.id).execute(),
    ).toHaveLength(0);
  });

  it('approves and sends to the competent office: status sent, the message in the outbox in the same transaction, the case frozen', async () => {
    const ready = await readyCase();
    await call(officerCookie, 'POST', `/api/cases/${ready.id}/submission/prepare`);
    const res = await call(chiefCookie, 'POST', `/api/cases/${ready.id}/submission/approve`);
    expect(res.statusCode).toBe(200);
    const step = res.json();
    expect(step).toMatchObject({
      caseStatus: 'sent',
      sentAt: clock.now().toISOString(),
      office: { code: officer.office.code },
    });

    const message = await db
      .selectFrom('messages')
      .selectAll()
      .where('direction', '=', 'out')
      .where('id', '=', step.messageId)
      .executeTakeFirstOrThrow();
    expect(message).toMatchObject({
      type: 'case.submitted',
      case_ref: ready.id,
      from_org: officer.station.code,
      to_org: officer.office.code,
      status: 'queued',
      seq: 1,
    });
    const envelope = message.envelope as {
      body: { caseNumber: string; parties: unknown[]; approvedBy: string };
      documents: { sha256: string; kind: string }[];
    };
    expect(envelope.body.caseNumber).toBe(ready.caseNumber);
    expect(envelope.body.parties).toHaveLength(2);
    expect(envelope.documents.map((d) => d.kind)).toEqual(['complaint']);
    expect(
      await db.selectFrom('outbox').select('message_id').where('message_id', '=', step.messageId).execute(),
    ).toHaveLength(1);

    const edit = await call(chiefCookie, 'POST', `/api/cases/${ready.id}/parties`, {
      role: 'witness',
      firstName: 'رضا',
      lastName: 'کریمی',
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('cases.not_editable');
    const again = await call(chiefCookie, 'POST', `/api/cases/${ready.id}/submission/approve`);
    expect(again.statusCode).toBe(409);
  });

  it('shows the station its sending: queued, then delivered with the receipt\u2019s time', async () => {
    const ready = await readyCase();
    await call(officerCookie, 'POST', `/api/cases/${ready.id}/submission/prepare`);
    await call(chiefCookie, 'POST', `/api/cases/${ready.id}/submission/approve`);
    const queued = await call(officerCookie, 'GET', `/api/cases/${ready.id}/submission`);
    expect(queued.statusCode).toBe(200);
    expect(queued.json()).toMatchObject({
      status: 'queued',
      office: { code: officer.office.code, name: officer.office.nameFa },
      queuedAt: clock.now().toISOString(),
      deliveredAt: null,
      registration: null,
      deficiencies: null,
      rejection: null,
    });
    clock.advance(60_000);
    await deliverAll({ db, clock, exchange });
    const delivered = (await call(officerCookie, 'GET', `/api/cases/${ready.id}/submission`)).json();
    expect(delivered.status).toBe('delivered');
    expect(delivered.deliveredAt).toBe(clock.now().toISOString());
    expect(delivered.events.map((e: { type: string }) => e.type)).toEqual([
      'prepared',
      'queued',
      'delivered',
    ]);
  });

  it('lets the chief return a prepared case to draft, where it is editable again', async () => {
    const ready = await readyCase();
    await call(officerCookie, 'POST', `/api/cases/${ready.id}/submission/prepare`);
    const byOfficer = await call(officerCookie, 'POST', `/api/cases/${ready.id}/submission/withdraw`);
    expect(byOfficer.statusCode).toBe(403);
    const res = await call(chiefCookie, 'POST', `/api/cases/${ready.id}/submission/withdraw`);
    expect(res.statusCode).toBe(200);
    expect(res.json().caseStatus).toBe('draft');
    const edit = await call(officerCookie, 'PATCH', `/api/cases/${ready.id}`, { narrative: 'روایت کامل‌تر' });
    expect(edit.statusCode).toBe(200);
  });

  it('answers jurisdiction.not_found when no prosecutor\u2019s office receives from the station, and sends nothing', async () => {
    const lonely = await makeStationUser(db, 'station.chief');
    await db.deleteFrom('jurisdiction_rules').where('prosecutor_office_id', '=', lonely.office.id).execute();
    const ready = await makeReadyCase({ db, blobs, clock }, lonely.actor);
    const cookie = await signIn(app, lonely.user.username);
    await call(cookie, 'POST', `/api/cases/${ready.id}/submission/prepare`);
    const res = await call(cookie, 'POST', `/api/cases/${ready.id}/submission/approve`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('jurisdiction.not_found');
    expect((await call(cookie, 'GET', `/api/cases/${ready.id}`)).json().status).toBe('awaiting_approval');
  });

  it('follows a station\u2019s own override of the county rule', async () => {
    const override = await makeStationUser(db, 'station.chief');
    const other = await makeStationUser(db);
    await setJurisdictionRule({
      db,
      clock,
      actor: null,
      rule: { stationId: override.station.id, prosecutorOfficeId: other.office.id },
    });
    const ready = await makeReadyCase({ db, blobs, clock }, override.actor);
    const cookie = await signIn(app, override.user.username);
    await call(cookie, 'POST', `/api/cases/${ready.id}/submission/prepare`);
    const res = await call(cookie, 'POST', `/api/cases/${ready.id}/submission/approve`);
    expect(res.json().office.code).toBe(other.office.code);
  });

  it('takes a supplement only once the case was sent, with new parties and documents uploaded after sending', async () => {
    const ready = await readyCase();
    const early = await call(officerCookie, 'POST', `/api/cases/${ready.id}/supplements`, {
      note: 'زودتر از موعد',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('cases.invalid_state');
    await call(officerCookie, 'POST', `/api/cases/${ready.id}/submission/prepare`);
    await call(chiefCookie, 'POST', `/api/cases/${ready.id}/submission/approve`);

    const draftUpload = await makeCaseDocument({ db, blobs, clock }, officer.actor, ready.id, {
      kind: 'evidence',
    }).catch((e: { code: string }) => e.code);
    expect(draftUpload).toBe('cases.not_editable');
    const doc = await makeCaseDocument({ db, blobs, clock }, chiefActor, ready.id, {
      kind: 'evidence',
      afterSending: true,
    });
    const res = await call(officerCookie, 'POST', `/api/cases/${ready.id}/supplements`, {
      note: 'فیلم دوربین مداربسته پیوست شد',
      parties: [{ role: 'witness', firstName: 'حسن', lastName: 'نوری' }],
      documentIds: [doc.id],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ caseStatus: 'sent', partiesAdded: 1, documents: [doc.sha256] });
    const message = await db
      .selectFrom('messages')
      .select(['type', 'seq', 'envelope'])
      .where('id', '=', res.json().messageId)
      .executeTakeFirstOrThrow();
    expect(message).toMatchObject({ type: 'case.supplemented', seq: 2 });
  });
});
