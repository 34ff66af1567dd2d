import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeOrganisation, makeUser, TEST_PASSWORD } from '../../../../test/factories.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../platform/clock.js';
import { totpCodeAt } from './totp.rules.js';

type Clock = ReturnType<typeof fixedClock>;

function cookieOf(res: { cookies: { name: string; value: string }[] }, name: string): string {
  const cookie = res.cookies.find((c) => c.name === name);
  if (!cookie) throw new Error(`no ${name} cookie`);
  return `${name}=${cookie.value}`;
}

const confirmEnrolment = (app: App, cookie: string, code: string) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/totp/enrolment/confirm',
    headers: { cookie },
    payload: { code },
  });

/** Sets TOTP up for a signed-in user through the API; returns the secret and the recovery codes. */
async function enrol(app: App, clock: Clock, cookie: string) {
  const started = await app.inject({ method: 'POST', url: '/api/auth/totp/enrolment', headers: { cookie } });
  expect(started.statusCode).toBe(200);
  const { secret } = started.json() as { secret: string };
  const confirmed = await confirmEnrolment(app, cookie, totpCodeAt(secret, clock.now()));
  expect(confirmed.statusCode).toBe(200);
  return { secret, recoveryCodes: confirmed.json().recoveryCodes as string[] };
}

const passwordStep = (app: App, username: string, remoteAddress = '127.0.0.1') =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    payload: { username, password: TEST_PASSWORD },
  });

const codeStep = (app: App, cookie: string, code: string, remoteAddress = '127.0.0.1') =>
  app.inject({
    method: 'POST',
    url: '/api/auth/second-factor',
    remoteAddress,
    headers: { cookie },
    payload: { code },
  });

describe('a second factor (TOTP)', () => {
  let app: App;
  let db: Db;
  let clock: Clock;
  let officer: { id: string; username: string };
  let secret: string;
  let recoveryCodes: string[];

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
    clock = fixedClock('2026-06-01T08:00:10Z');
    ({ app } = await useTestApp(db, { clock }));
    const org = await makeOrganisation(db);
    officer = await makeUser(db, org.id, 'station.officer');
  });

  it('enrols with a QR code, a first code, and ten recovery codes shown once, keeping the secret sealed', async () => {
    const cookie = await signIn(app, officer.username);
    const started = await app.inject({
      method: 'POST',
      url: '/api/auth/totp/enrolment',
      headers: { cookie },
    });
    expect(started.statusCode).toBe(200);
    const body = started.json();
    expect(body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.otpauthUri).toMatch(/^otpauth:\/\/totp\/casebridge:.+\?.*secret=/);
    expect(body.otpauthUri).toContain('period=30');
    expect(body.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(body.qrDataUrl.split(',')[1], 'base64').toString()).toContain('<svg');
    secret = body.secret;

    const stored = await db
      .selectFrom('user_totp')
      .selectAll()
      .where('user_id', '=', officer.id)
      .executeTakeFirstOrThrow();
    expect(stored.confirmed_at).toBeNull();
    expect(stored.secret_sealed).not.toContain(secret);
    expect(stored.secret_sealed).toMatch(/^v1\./);

    const later = new Date(clock.now().getTime() + 10 * 60_000);
    const wrong = await confirmEnrolment(app, cookie, totpCodeAt(secret, later));
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('auth.invalid_code');

    const confirmed = await confirmEnrolment(app, cookie, totpCodeAt(secret, clock.now()));
    expect(confirmed.statusCode).toBe(200);
    recoveryCodes = confirmed.json().recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const hashes = await db
      .selectFrom('user_recovery_codes')
      .select('code_hash')
      .where('user_id', '=', officer.id)
      .execute();
    expect(hashes).toHaveLength(10);
    expect(hashes.map((h) => h.code_hash).join()).not.toContain(recoveryCodes[0]!.replaceAll('-', ''));

    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.json().user.totpEnabled).toBe(true);
    const again = await app.inject({ method: 'POST', url: '/api/auth/totp/enrolment', headers: { cookie } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('auth.totp_already_enrolled');
    const audited = await db
      .selectFrom('audit_log')
      .select('resource_id')
      .where('action', '=', 'auth.totp_enrolled')
      .execute();
    expect(audited.map((a) => a.resource_id)).toEqual([officer.id]);
  });

  it('asks for the code after the password, with a short-lived pending cookie that is not a session', async () => {
    clock.advance(30_000);
    const first = await passwordStep(app, officer.username);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ next: 'totp' });
    expect(first.cookies.find((c) => c.name === 'cb_session')).toBeUndefined();
    const pending = first.cookies.find((c) => c.name === 'cb_signin')!;
    expect(pending).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' });
    expect(pending.expires!.getTime() - clock.now().getTime()).toBeLessThanOrEqual(10 * 60_000);

    const asSession = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `cb_session=${pending.value}` },
    });
    expect(asSession.statusCode).toBe(401);

    const second = await codeStep(app, `cb_signin=${pending.value}`, totpCodeAt(secret, clock.now()));
    expect(second.statusCode).toBe(200);
    expect(second.json().user.username).toBe(officer.username);
    const me = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: cookieOf(second, 'cb_session') },
    });
    expect(me.statusCode).toBe(200);
    // The pending sign-in is spent.
    const reused = await codeStep(app, `cb_signin=${pending.value}`, totpCodeAt(secret, clock.now()));
    expect(reused.json().error.code).toBe('auth.sign_in_expired');
  });

  it('never accepts the same code twice, even within its window', async () => {
    const code = totpCodeAt(secret, clock.now()); // accepted in the test above
    const replay = await codeStep(
      app,
      cookieOf(await passwordStep(app, officer.username), 'cb_signin'),
      code,
    );
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('auth.invalid_code');
    clock.advance(30_000);
    const next = await codeStep(
      app,
      cookieOf(await passwordStep(app, officer.username), 'cb_signin'),
      totpCodeAt(secret, clock.now()),
    );
    expect(next.statusCode).toBe(200);
  });

  it('accepts a recovery code once, however it is typed, and audits its use', async () => {
    const typed = recoveryCodes[0]!.toLowerCase().replaceAll('-', ' ');
    const used = await codeStep(app, cookieOf(await passwordStep(app, officer.username), 'cb_signin'), typed);
    expect(used.statusCode).toBe(200);
    const again = await codeStep(
      app,
      cookieOf(await passwordStep(app, officer.username), 'cb_signin'),
      recoveryCodes[0]!,
    );
    expect(again.statusCode).toBe(401);
    const audited = await db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'auth.recovery_code_used')
      .execute();
    expect(audited.map((a) => a.details)).toEqual([{ left: 9 }]);
  });

  it('throttles wrong codes like wrong passwords, and audits each', async () => {
    const cookie = cookieOf(await passwordStep(app, officer.username, '127.0.3.1'), 'cb_signin');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await codeStep(app, cookie, '000000', '127.0.3.1')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const refused = await codeStep(app, cookie, totpCodeAt(secret, clock.now()), '127.0.3.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('auth.throttled');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const failed = await db
      .selectFrom('audit_log')
      .select('ip')
      .where('action', '=', 'auth.second_factor_failed')
      .execute();
    expect(failed.filter((f) => f.ip === '127.0.3.1')).toHaveLength(5);
  });

  it('keeps counting wrong codes when the password is typed again', async () => {
    let cookie = cookieOf(await passwordStep(app, officer.username, '127.0.3.3'), 'cb_signin');
    for (let i = 0; i < 3; i++)
      expect((await codeStep(app, cookie, '000000', '127.0.3.3')).statusCode).toBe(401);
    cookie = cookieOf(await passwordStep(app, officer.username, '127.0.3.3'), 'cb_signin');
    for (let i = 0; i < 2; i++)
      expect((await codeStep(app, cookie, '000000', '127.0.3.3')).statusCode).toBe(401);
    const refused = await codeStep(app, cookie, totpCodeAt(secret, clock.now()), '127.0.3.3');
    expect(refused.statusCode).toBe(429);
  });

  it('ends a pending sign-in after ten minutes', async () => {
    const cookie = cookieOf(await passwordStep(app, officer.username, '127.0.3.2'), 'cb_signin');
    clock.advance(10 * 60_000 + 1);
    const late = await codeStep(app, cookie, totpCodeAt(secret, clock.now()), '127.0.3.2');
    expect(late.statusCode).toBe(401);
    expect(late.json().error.code).toBe('auth.sign_in_expired');
  });
});

describe('a role that must sign in with TOTP, and an administrator\u2019s reset', () => {
  let app: App;
  let db: Db;
  let clock: Clock;
  let admin: { id: string; username: string };
  let officer: { id: string; username: string };
  let adminCookie: string;

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
    clock = fixedClock('2026-06-01T09:00:10Z');
    ({ app } = await useTestApp(db, { clock, config: { totpRequiredRoles: ['admin'] } }));
    const org = await makeOrganisation(db);
    admin = await makeUser(db, org.id, 'admin');
    officer = await makeUser(db, org.id, 'station.officer');
  });

  it('sends an administrator without TOTP to enrol right after the password, and signs them in after it', async () => {
    const first = await passwordStep(app, admin.username);
    expect(first.json()).toMatchObject({ next: 'enrol' });
    const pending = cookieOf(first, 'cb_signin');
    // Enrolment is all a pending sign-in opens.
    const users = await app.inject({ method: 'GET', url: '/api/users', headers: { cookie: pending } });
    expect(users.statusCode).toBe(401);

    const started = await app.inject({
      method: 'POST',
      url: '/api/auth/totp/enrolment',
      headers: { cookie: pending },
    });
    expect(started.statusCode).toBe(200);
    const confirmed = await confirmEnrolment(app, pending, totpCodeAt(started.json().secret, clock.now()));
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().recoveryCodes).toHaveLength(10);
    expect(confirmed.json().session.user).toMatchObject({ username: admin.username, totpEnabled: true });
    adminCookie = cookieOf(confirmed, 'cb_session');
    expect(
      (await app.inject({ method: 'GET', url: '/api/users', headers: { cookie: adminCookie } })).statusCode,
    ).toBe(200);

    clock.advance(30_000);
    const next = await passwordStep(app, admin.username);
    expect(next.json()).toMatchObject({ next: 'totp' });
  });

  it('signs a user of a role without the requirement in with the password alone', async () => {
    const res = await passwordStep(app, officer.username);
    expect(res.json().user.username).toBe(officer.username);
  });

  it('lets an administrator reset a user\u2019s second factor (audited), and nobody else', async () => {
    const officerCookie = cookieOf(await passwordStep(app, officer.username), 'cb_session');
    await enrol(app, clock, officerCookie);
    expect((await passwordStep(app, officer.username)).json()).toMatchObject({ next: 'totp' });
    const listed = await app.inject({ method: 'GET', url: '/api/users', headers: { cookie: adminCookie } });
    expect(listed.json().items.find((u: { id: string }) => u.id === officer.id).totpEnabled).toBe(true);

    const byOfficer = await app.inject({
      method: 'DELETE',
      url: `/api/users/${officer.id}/totp`,
      headers: { cookie: officerCookie },
    });
    expect(byOfficer.statusCode).toBe(403);
    const reset = await app.inject({
      method: 'DELETE',
      url: `/api/users/${officer.id}/totp`,
      headers: { cookie: adminCookie },
    });
    expect(reset.statusCode).toBe(204);

    expect((await passwordStep(app, officer.username)).json().user.totpEnabled).toBe(false);
    expect(
      await db
        .selectFrom('user_recovery_codes')
        .select('code_hash')
        .where('user_id', '=', officer.id)
        .execute(),
    ).toEqual([]);
    const audited = await db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'resource_id', 'details'])
      .where('action', '=', 'auth.totp_reset')
      .execute();
    expect(audited).toEqual([
      { actor_user_id: admin.id, resource_id: officer.id, details: { removed: true } },
    ]);
    const unknown = await app.inject({
      method: 'DELETE',
      url: `/api/users/${crypto.randomUUID()}/totp`,
      headers: { cookie: adminCookie },
    });
    expect(unknown.statusCode).toBe(404);
  });
});
