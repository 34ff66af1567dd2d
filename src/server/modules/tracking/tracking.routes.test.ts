import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.js';
import { findDeliveriesTo } from '../notifications/index.js';
import { useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeCase, makeNationalId, makeParty, makeStationUser } from '../../../../test/factories.js';
import { normaliseIdentifier, toPersianDigits } from '../../../domain/persian-text.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { Db } from '../../db/client.js';
import { TRACKING_RATE_LIMIT } from './tracking.routes.js';
import { errorMessages } from '../../../domain/errors.js';

describe('public tracking of a complaint', () => {
  let db: Db;
  let app: App;
  let complaint: { id: string; caseNumber: string; trackingCode: string };
  const complainantId = makeNationalId();
  const foreignPassport = 'P4521983';
  const accusedId = makeNationalId();
  let addressCounter = 0;

  const clock = fixedClock('2026-03-01T08:00:00Z');
  const mobileOf: Record<string, string> = {};

  /**
   * Asks for the one-time code, reads it from the log notifier's outbox, and looks the case up with it. Each test
   * asks from its own address, so the rate limit of one does not spill into another.
   */
  const track = async (query: Record<string, string>, remoteAddress = `10.0.0.${++addressCounter}`) => {
    clock.advance(1000);
    const identity = normaliseIdentifier(query.nationalId ?? query.passportNumber ?? '').toUpperCase();
    const phone = identity ? mobileOf[identity] : undefined;
    let otp = '000000';
    const sent = await app.inject({
      method: 'POST',
      url: '/api/public/tracking/code',
      payload: query,
      remoteAddress,
    });
    if (sent.statusCode === 200 && phone)
      otp = /(\d{6})/.exec((await findDeliveriesTo(db, phone))[0]?.text ?? '')?.[1] ?? otp;
    return app.inject({
      method: 'GET',
      url: '/api/public/tracking',
      query: { ...query, otp },
      remoteAddress,
    });
  };

  beforeEach(() => clock.advance(16 * 60_000));

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
    ({ app } = await useTestApp(db, { clock }));
    const { actor } = await makeStationUser(db);
    const opened = await makeCase(db, actor);
    complaint = { id: opened.id, caseNumber: opened.caseNumber, trackingCode: opened.trackingCode ?? '' };
    await makeParty(db, actor, opened.id, {
      role: 'complainant',
      firstName: 'مریم',
      lastName: 'احمدی',
      nationalId: complainantId,
      mobile: '09121234567',
    });
    mobileOf[complainantId] = '09121234567';
    mobileOf[foreignPassport] = '09351112233';
    await makeParty(db, actor, opened.id, {
      role: 'complainant',
      firstName: 'احمد',
      lastName: 'رحیمی',
      nationality: 'AF',
      nationalId: null,
      passportNumber: foreignPassport,
      mobile: '09351112233',
    });
    await makeParty(db, actor, opened.id, {
      role: 'accused',
      firstName: 'رضا',
      lastName: 'کریمی',
      nationalId: accusedId,
    });
  });

  it('shows the complainant the state of their case in plain terms, without signing in', async () => {
    const res = await track({ code: complaint.trackingCode, nationalId: complainantId });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'received',
      caseNumber: complaint.caseNumber,
      sentAt: null,
      stationName: expect.stringMatching(/^واحد/),
    });
    expect(res.json().receivedAtLocal).toMatch(/^14\d\d\/\d\d\/\d\d \d\d:\d\d$/);
    expect(res.body).not.toMatch(/مریم|رضا|احمدی|کریمی/);
  });

  it('accepts the code and the national ID however they were typed', async () => {
    const res = await track({
      code: complaint.trackingCode.toLowerCase().replaceAll('-', ' '),
      nationalId: toPersianDigits(complainantId),
    });
    expect(res.statusCode).toBe(200);
  });

  it('lets a foreign complainant follow the case with the passport number, however it was typed', async () => {
    const exact = await track({ code: complaint.trackingCode, passportNumber: foreignPassport });
    expect(exact.statusCode).toBe(200);
    expect(exact.json()).toMatchObject({ status: 'received', caseNumber: complaint.caseNumber });
    expect(exact.body).not.toMatch(/احمد|رحیمی|P4521983/);
    const typed = await track({ code: complaint.trackingCode, passportNumber: 'p ۴۵۲۱-۹۸۳' });
    expect(typed.statusCode).toBe(200);
  });

  it('answers 400 tracking.identity_required without exactly one of national ID and passport number', async () => {
    const neitherAndBoth: Record<string, string>[] = [
      { code: complaint.trackingCode },
      { code: complaint.trackingCode, nationalId: complainantId, passportNumber: foreignPassport },
    ];
    for (const query of neitherAndBoth) {
      const res = await track(query);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('tracking.identity_required');
    }
  });

  it('says sent once the case has left the station', async () => {
    await db
      .updateTable('cases')
      .set({ status: 'sent', sent_at: new Date() })
      .where('id', '=', complaint.id)
      .execute();
    const res = await track({ code: complaint.trackingCode, nationalId: complainantId });
    expect(res.json().status).toBe('sent');
    expect(res.json().sentAt).not.toBeNull();
    await db
      .updateTable('cases')
      .set({ status: 'draft', sent_at: null })
      .where('id', '=', complaint.id)
      .execute();
  });

  it('answers the same 401 for a wrong code, a wrong national ID, or the accused\u2019s national ID', async () => {
    const answers = await Promise.all([
      track({ code: 'ZZZ-ZZZ-ZZZ', nationalId: complainantId }),
      track({ code: complaint.trackingCode, nationalId: makeNationalId() }),
      track({ code: complaint.trackingCode, nationalId: accusedId }),
      track({ code: 'not a code', nationalId: 'nor an id' }),
      track({ code: complaint.trackingCode, passportNumber: 'P0000001' }),
      track({ code: complaint.trackingCode, passportNumber: '' }),
      track({ code: 'ZZZ-ZZZ-ZZZ', passportNumber: foreignPassport }),
    ]);
    for (const res of answers) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({
        error: { code: 'tracking.code_invalid', message: errorMessages['tracking.code_invalid'] },
      });
    }
  });

  it('audits each look-up with its outcome, never with the national ID', async () => {
    await track({ code: complaint.trackingCode, nationalId: complainantId }, '192.0.2.7');
    await track({ code: complaint.trackingCode, nationalId: accusedId }, '192.0.2.8');
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'tracking.viewed')
      .where('ip', 'in', ['192.0.2.7', '192.0.2.8'])
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => [r.ip, r.resource_id, r.details])).toEqual([
      ['192.0.2.7', complaint.id, { outcome: 'found' }],
      ['192.0.2.8', null, { outcome: 'not_found' }],
    ]);
    expect(JSON.stringify(rows)).not.toContain(complainantId);
    expect(JSON.stringify(rows)).not.toContain(accusedId);
  });

  it('limits look-ups per address', async () => {
    const address = '198.51.100.9';
    for (let i = 0; i < TRACKING_RATE_LIMIT.max; i++) {
      const query = { code: 'ZZZ-ZZZ-ZZZ', nationalId: complainantId, otp: '123456' };
      const res = await app.inject({
        method: 'GET',
        url: '/api/public/tracking',
        query,
        remoteAddress: address,
      });
      expect(res.statusCode).toBe(401);
    }
    const limited = await track({ code: complaint.trackingCode, nationalId: complainantId }, address);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('request.rate_limited');
    expect(
      (await track({ code: complaint.trackingCode, nationalId: complainantId }, '198.51.100.10')).statusCode,
    ).toBe(200);
  });

  it('has no answer for a case that is not a complaint', async () => {
    const { actor } = await makeStationUser(db);
    const report = await makeCase(db, actor, { origin: 'officer_report' });
    await db.updateTable('cases').set({ tracking_code: 'YYY-YYY-YYY' }).where('id', '=', report.id).execute();
    await makeParty(db, actor, report.id, {
      role: 'complainant',
      firstName: 'a',
      lastName: 'b',
      nationalId: complainantId,
    });
    expect((await track({ code: 'YYY-YYY-YYY', nationalId: complainantId })).statusCode).toBe(401);
  });
});
