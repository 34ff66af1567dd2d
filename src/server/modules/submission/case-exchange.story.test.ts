import { describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import {
  deliverAll,
  makeNationalId,
  makeReadyCase,
  makeStationUser,
  makeUser,
  TEST_PDF,
} from '../../../../test/factories.js';
import { fixedClock } from '../../platform/clock.js';
import { findDeliveriesTo } from '../notifications/index.js';

const { db } = await useTestDatabase();
const clock = fixedClock('2026-03-21T19:40:00Z'); // 23:10 in Tehran: a complaint is accepted at any hour (Art. 37)
const { app, exchange, blobs } = await useTestApp(db, { clock });
const HOUR = 3_600_000;

type Method = 'GET' | 'POST';
const call = async (cookie: string, method: Method, url: string, payload?: object, expected?: number) => {
  const res = await app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  if (expected !== undefined) expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(expected);
  return res;
};

function multipart(kind: string, content: Buffer, cookie: string) {
  const boundary = `----casebridge-${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="shekayat.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie } };
}

describe('the whole story on one node', () => {
  it('goes from a complaint at the station to a closed judicial order, every step a signed message', async () => {
    const { station, office, user: officer } = await makeStationUser(db, 'station.officer');
    const officerCookie = await signIn(app, officer.username);
    const chiefCookie = await signIn(app, (await makeUser(db, station.id, 'station.chief')).username);
    const clerkCookie = await signIn(app, (await makeUser(db, office.id, 'prosecutor.clerk')).username);
    const judgeCookie = await signIn(app, (await makeUser(db, office.id, 'prosecutor.judge')).username);

    // Another case of the same station is already waiting at the office, without custody.
    const earlier = await makeReadyCase(
      { db, blobs, clock: fixedClock(new Date(clock.now().getTime() - HOUR)) },
      { userId: officer.id, orgId: station.id, role: 'station.officer' },
    );
    await call(officerCookie, 'POST', `/api/cases/${earlier.id}/submission/prepare`, undefined, 200);
    await call(chiefCookie, 'POST', `/api/cases/${earlier.id}/submission/approve`, undefined, 200);
    await deliverAll({ db, clock, exchange });

    // The officer opens the complaint, adds the complainant and the accused, uploads the complaint, records custody.
    const opened = (
      await call(
        officerCookie,
        'POST',
        '/api/cases',
        { origin: 'complaint', crimeCategoryCode: 'theft', narrative: 'ربودن کیف در پیاده‌رو' },
        201,
      )
    ).json();
    expect(opened.trackingCode).toBeTruthy();
    const complainantId = makeNationalId();
    await call(
      officerCookie,
      'POST',
      `/api/cases/${opened.id}/parties`,
      {
        role: 'complainant',
        firstName: 'زهرا',
        lastName: 'موسوی',
        nationalId: complainantId,
        mobile: '09121234567',
      },
      201,
    );
    const accused = (
      await call(
        officerCookie,
        'POST',
        `/api/cases/${opened.id}/parties`,
        { role: 'accused', firstName: 'کامران', lastName: 'نادری' },
        201,
      )
    ).json();
    const upload = await app.inject({
      method: 'POST',
      url: `/api/cases/${opened.id}/documents`,
      ...multipart('complaint', TEST_PDF, officerCookie),
    });
    expect(upload.statusCode).toBe(201);
    await call(
      officerCookie,
      'POST',
      `/api/cases/${opened.id}/custody`,
      { partyId: accused.id, startedAt: new Date(clock.now().getTime() - 2 * HOUR).toISOString() },
      201,
    );

    // Prepared by the officer, approved and sent by the chief.
    await call(officerCookie, 'POST', `/api/cases/${opened.id}/submission/prepare`, undefined, 200);
    const sent = (
      await call(chiefCookie, 'POST', `/api/cases/${opened.id}/submission/approve`, undefined, 200)
    ).json();
    expect(sent).toMatchObject({ caseStatus: 'sent', office: { code: office.code } });
    clock.advance(60_000);
    await deliverAll({ db, clock, exchange });

    // The office's queue has it, first, with its custody deadline.
    const queue = (await call(clerkCookie, 'GET', '/api/intake', undefined, 200)).json();
    expect(queue.items.map((i: { caseRef: string }) => i.caseRef)).toEqual([opened.id, earlier.id]);
    expect(queue.items[0]).toMatchObject({
      inCustody: true,
      caseNumber: opened.caseNumber,
      custodyRemainingSeconds: 22 * 3600 - 60,
    });
    const intakeId: string = queue.items[0].id;
    const detail = (await call(clerkCookie, 'GET', `/api/intake/${intakeId}`, undefined, 200)).json();
    expect(detail.verification).toMatchObject({ signatureVerified: true, documentsVerified: true });

    // The clerk registers it; the station sees the file number.
    await call(
      clerkCookie,
      'POST',
      `/api/intake/${intakeId}/register`,
      { fileNumber: '1405-ک-0420', branch: 'شعبه ۴ دادیاری', assignedJudge: 'دادیار صالحی' },
      200,
    );
    clock.advance(60_000);
    await deliverAll({ db, clock, exchange });
    const submission = (
      await call(officerCookie, 'GET', `/api/cases/${opened.id}/submission`, undefined, 200)
    ).json();
    expect(submission).toMatchObject({
      status: 'registered',
      registration: { fileNumber: '1405-ک-0420', branch: 'شعبه ۴ دادیاری', assignedJudge: 'دادیار صالحی' },
    });
    expect(submission.events.map((e: { type: string }) => e.type)).toEqual([
      'prepared',
      'queued',
      'delivered',
      'registered',
    ]);

    // The complainant, without signing in, sees the case registered with the office's file number.
    // First a one-time code, sent to the complainant's mobile (here: the log notifier's outbox).
    const asked = { code: opened.trackingCode, nationalId: complainantId };
    const codeSent = await app.inject({ method: 'POST', url: '/api/public/tracking/code', payload: asked });
    expect(codeSent.statusCode).toBe(200);
    const otp = /(\d{6})/.exec((await findDeliveriesTo(db, '09121234567'))[0]?.text ?? '')?.[1];
    const tracking = await app.inject({
      method: 'GET',
      url: '/api/public/tracking',
      query: { ...asked, otp: otp ?? '' },
    });
    expect(tracking.json()).toMatchObject({
      status: 'registered',
      prosecutorFileNumber: '1405-ک-0420',
      officeName: office.nameFa,
    });

    // The judge orders an investigation within 48 hours; the station acknowledges and reports; the judge closes.
    const order = (
      await call(
        judgeCookie,
        'POST',
        `/api/intake/${intakeId}/orders`,
        {
          kind: 'investigation',
          text: 'تحقیق از شهود محل',
          deadlineAt: new Date(clock.now().getTime() + 48 * HOUR).toISOString(),
        },
        201,
      )
    ).json();
    await deliverAll({ db, clock, exchange });
    const inbox = (await call(officerCookie, 'GET', '/api/orders', undefined, 200)).json();
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ orderId: order.orderId, status: 'open', caseId: opened.id });
    clock.advance(60_000);
    await call(officerCookie, 'POST', `/api/orders/${order.orderId}/acknowledge`, undefined, 200);
    clock.advance(60_000);
    await call(
      officerCookie,
      'POST',
      `/api/orders/${order.orderId}/report`,
      { report: 'از دو شاهد تحقیق و صورتجلسه تنظیم شد.' },
      200,
    );
    await deliverAll({ db, clock, exchange });
    const atOffice = (await call(judgeCookie, 'GET', '/api/orders', undefined, 200)).json().items[0];
    expect(atOffice).toMatchObject({
      orderId: order.orderId,
      status: 'reported',
      report: 'از دو شاهد تحقیق و صورتجلسه تنظیم شد.',
    });
    clock.advance(60_000);
    await call(
      judgeCookie,
      'POST',
      `/api/orders/${order.orderId}/close`,
      { outcome: 'closed', note: 'کافی است' },
      200,
    );
    await deliverAll({ db, clock, exchange });
    expect((await call(officerCookie, 'GET', '/api/orders', undefined, 200)).json().items[0]).toMatchObject({
      status: 'closed',
      outcome: 'closed',
      caseNumber: opened.caseNumber,
      counterpartName: office.nameFa,
    });
    expect((await call(judgeCookie, 'GET', '/api/orders', undefined, 200)).json().items[0]).toMatchObject({
      caseNumber: opened.caseNumber,
      counterpartName: station.nameFa,
    });

    // Both sides hold the same thread of signed, delivered, verified messages.
    const messages = (
      await call(officerCookie, 'GET', `/api/cases/${opened.id}/messages`, undefined, 200)
    ).json().items as {
      type: string;
      direction: string;
      status: string;
      verification: { signature: string; threadLinkOk: boolean };
    }[];
    expect(messages.map((m) => `${m.direction} ${m.type}`)).toEqual([
      'out case.submitted',
      'in intake.registered',
      'in order.issued',
      'out order.acknowledged',
      'out order.reported',
      'in order.closed',
    ]);
    expect(
      messages.every(
        (m) => m.status !== 'queued' && m.verification.signature === 'valid' && m.verification.threadLinkOk,
      ),
    ).toBe(true);
    expect(await db.selectFrom('outbox').select('message_id').execute()).toHaveLength(0);

    // The sending history tells the file's own steps; the order's messages are not mistaken for supplements.
    const history = (
      await call(officerCookie, 'GET', `/api/cases/${opened.id}/submission`, undefined, 200)
    ).json();
    expect(history.events.map((e: { type: string }) => e.type)).not.toContain('supplement_delivered');
  });
});
