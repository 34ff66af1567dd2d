import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../test/db.js';
import { makeCase, makeNationalId, makeParty, makeStationUser } from '../../../../test/factories.js';
import { isAppError } from '../../../domain/errors.js';
import { toPersianDigits } from '../../../domain/persian-text.js';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../platform/clock.js';
import { findDeliveriesTo } from '../notifications/index.js';
import { TRACKING_OTP } from './tracking-otp.rules.js';
import { requestTrackingCode } from './tracking-code.usecase.js';
import { viewTracking } from './tracking.usecase.js';

const TEMPLATE = 'کد: {code}';

describe('the complainant\u2019s one-time code', () => {
  let db: Db;
  const clock = fixedClock('2026-03-01T08:00:00Z');
  let n = 0;

  /** A fresh complaint whose complainant has a mobile (a fresh number each, so its outbox is its own). */
  async function complaint() {
    const { actor } = await makeStationUser(db);
    const opened = await makeCase(db, actor);
    const nationalId = makeNationalId();
    const mobile = `0912${String(1_000_000 + ++n * 7919).slice(-7)}`;
    await makeParty(db, actor, opened.id, {
      role: 'complainant',
      firstName: 'م',
      lastName: 'ا',
      nationalId,
      mobile,
    });
    return { code: opened.trackingCode ?? '', nationalId, mobile, id: opened.id };
  }
  const ask = (c: { code: string; nationalId: string }, ip = '10.9.0.1') =>
    requestTrackingCode({
      db,
      clock,
      code: c.code,
      identity: { nationalId: c.nationalId },
      ip,
      template: TEMPLATE,
    });
  const view = (c: { code: string; nationalId: string }, otp: string, ip = '10.9.0.1') =>
    viewTracking({ db, clock, code: c.code, identity: { nationalId: c.nationalId }, otp, ip });
  const sentCodes = async (mobile: string) =>
    (await findDeliveriesTo(db, mobile)).map((d) => /(\d{6})/.exec(d.text)?.[1] ?? '');
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: unknown) => (isAppError(e) ? e.code : String(e)),
    );

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
  });

  it('sends 6 digits to the complainant\u2019s mobile, stores them hashed, and opens the case with them in any digits', async () => {
    const c = await complaint();
    expect(await ask(c, '10.9.1.1')).toEqual({ sentTo: `***${c.mobile.slice(-4)}` });
    const [otp] = await sentCodes(c.mobile);
    expect(otp).toMatch(/^\d{6}$/);
    const stored = await db
      .selectFrom('tracking_code_requests')
      .selectAll()
      .where('case_id', '=', c.id)
      .execute();
    expect(JSON.stringify(stored)).not.toContain(otp);
    expect(await failure(view(c, '', '10.9.1.1'))).toBe('tracking.code_required');
    expect((await view(c, toPersianDigits(otp ?? ''), '10.9.1.1')).status).toBe('received');
  });

  it('expires after 5 minutes (the controllable clock)', async () => {
    const c = await complaint();
    await ask(c, '10.9.2.1');
    const [otp = ''] = await sentCodes(c.mobile);
    clock.advance(TRACKING_OTP.validMs - 1000);
    expect((await view(c, otp, '10.9.2.1')).caseNumber).toBeTruthy();
    clock.advance(2000);
    expect(await failure(view(c, otp, '10.9.2.1'))).toBe('tracking.code_invalid');
  });

  it('allows 5 tries: after 5 wrong ones the right code opens nothing', async () => {
    const c = await complaint();
    await ask(c, '10.9.3.1');
    const [otp = ''] = await sentCodes(c.mobile);
    const wrong = otp === '000000' ? '111111' : '000000';
    for (let i = 0; i < TRACKING_OTP.tries; i++)
      expect(await failure(view(c, wrong, '10.9.3.1'))).toBe('tracking.code_invalid');
    expect(await failure(view(c, otp, '10.9.3.1'))).toBe('tracking.code_invalid');
    const audit = await db
      .selectFrom('audit_log')
      .select('details')
      .where('resource_id', '=', c.id)
      .where('action', '=', 'tracking.viewed')
      .execute();
    expect(audit).toHaveLength(TRACKING_OTP.tries + 1);
  });

  it('makes 3 codes per case in 15 minutes; a fourth ask is answered alike and sends nothing', async () => {
    clock.advance(TRACKING_OTP.windowMs);
    const c = await complaint();
    const answers = [];
    for (let i = 0; i < TRACKING_OTP.perCase + 1; i++) answers.push(await ask(c, `10.9.4.${i}`));
    expect(new Set(answers.map((a) => a.sentTo)).size).toBe(1);
    expect(await sentCodes(c.mobile)).toHaveLength(TRACKING_OTP.perCase);
    clock.advance(TRACKING_OTP.windowMs + 1000);
    await ask(c, '10.9.4.9');
    expect(await sentCodes(c.mobile)).toHaveLength(TRACKING_OTP.perCase + 1);
  });

  it('answers 10 asks per address in 15 minutes, then 429, whatever they ask', async () => {
    clock.advance(TRACKING_OTP.windowMs);
    const c = await complaint();
    for (let i = 0; i < TRACKING_OTP.perAddress; i++)
      await ask({ code: 'ZZZ-ZZZ-ZZZ', nationalId: makeNationalId() }, '10.9.5.5');
    expect(await failure(ask(c, '10.9.5.5'))).toBe('tracking.code_rate_limited');
    expect(await sentCodes(c.mobile)).toHaveLength(0);
    expect(await failure(ask(c, '10.9.5.6'))).toBe('ok');
  });

  it('does not tell an unknown tracking code: the same shape, the same hint each time, no SMS, audited', async () => {
    const unknown = { code: 'ZZZ-ZZZ-ZZZ', nationalId: makeNationalId() };
    const first = await ask(unknown, '10.9.6.1');
    expect(first.sentTo).toMatch(/^\*\*\*\d{4}$/);
    expect(await ask(unknown, '10.9.6.2')).toEqual(first);
    const before = await db
      .selectFrom('notification_deliveries')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('purpose', '=', 'tracking.code')
      .executeTakeFirstOrThrow();
    await ask({ code: 'QQQ-QQQ-QQQ', nationalId: makeNationalId() }, '10.9.6.3');
    const after = await db
      .selectFrom('notification_deliveries')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('purpose', '=', 'tracking.code')
      .executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
    const audit = await db
      .selectFrom('audit_log')
      .select(['details', 'resource_id'])
      .where('action', '=', 'tracking.code_requested')
      .where('ip', '=', '10.9.6.1')
      .execute();
    expect(audit).toEqual([{ details: { outcome: 'unknown' }, resource_id: null }]);
    expect(await failure(view(unknown, '123456', '10.9.6.1'))).toBe('tracking.code_invalid');
  });
});
