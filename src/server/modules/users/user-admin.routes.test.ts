import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeJurisdiction, makeOrganisation, makeUser, TEST_PASSWORD } from '../../../../test/factories.js';
import type { App } from '../../platform/http/fastify-app.js';

const { db } = await useTestDatabase();

describe('user administration: disable, enable, unlock, reset password, change role', () => {
  let app: App;
  let admin: string;
  let adminId: string;
  let hqId: string;
  let pair: Awaited<ReturnType<typeof makeJurisdiction>>;

  const call = (method: 'POST' | 'PUT' | 'GET', url: string, cookie: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const login = (username: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const auditOf = async (userId: string) =>
    (
      await db
        .selectFrom('audit_log')
        .select(['action', 'actor_user_id', 'details'])
        .where('resource_id', '=', userId)
        .orderBy('seq')
        .execute()
    ).map((r) => r.action);

  beforeAll(async () => {
    ({ app } = await useTestApp(db));
    const hq = await makeOrganisation(db, { kind: 'hq' });
    hqId = hq.id;
    const adminUser = await makeUser(db, hq.id, 'admin');
    adminId = adminUser.id;
    admin = await signIn(app, adminUser.username);
    pair = await makeJurisdiction(db);
  });

  it('disables a user: their session ends at once, they cannot sign in; enabling lets them back in', async () => {
    const officer = await makeUser(db, pair.station.id, 'station.officer');
    const session = await signIn(app, officer.username);
    const disabled = await call('POST', `/api/users/${officer.id}/disable`, admin);
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ id: officer.id, disabled: true });
    expect((await call('GET', '/api/auth/me', session)).statusCode).toBe(401);
    const refused = await login(officer.username, TEST_PASSWORD);
    expect(refused.json().error.code).toBe('auth.account_disabled');
    const twice = await call('POST', `/api/users/${officer.id}/disable`, admin);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('users.already_in_state');

    const enabled = await call('POST', `/api/users/${officer.id}/enable`, admin);
    expect(enabled.json()).toMatchObject({ disabled: false });
    expect((await login(officer.username, TEST_PASSWORD)).statusCode).toBe(200);
    expect(await auditOf(officer.id)).toEqual(
      expect.arrayContaining(['user.disabled', 'user.enabled', 'auth.login']),
    );
  });

  it('unlocks a user whose failed sign-ins made them wait, from any address', async () => {
    const clerk = await makeUser(db, pair.office.id, 'prosecutor.clerk');
    for (let i = 0; i < 6; i++) await login(clerk.username, 'wrong password!');
    expect((await login(clerk.username, TEST_PASSWORD)).json().error.code).toBe('auth.throttled');
    const listed = await call('GET', `/api/users?orgId=${pair.office.id}`, admin);
    expect(listed.json().items.find((u: { id: string }) => u.id === clerk.id)).toMatchObject({
      locked: true,
    });

    const unlocked = await call('POST', `/api/users/${clerk.id}/unlock`, admin);
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json()).toMatchObject({ locked: false });
    expect((await login(clerk.username, TEST_PASSWORD)).statusCode).toBe(200);
    const entry = await db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'details'])
      .where('action', '=', 'user.unlocked')
      .where('resource_id', '=', clerk.id)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_user_id: adminId, details: { throttlesCleared: 1 } });
  });

  it('resets a password to a one-time password that signs in only to choose a new one', async () => {
    const judge = await makeUser(db, pair.office.id, 'prosecutor.judge');
    const session = await signIn(app, judge.username);
    const reset = await call('POST', `/api/users/${judge.id}/password-reset`, admin);
    expect(reset.statusCode).toBe(200);
    expect(reset.headers['cache-control']).toBe('no-store');
    const { oneTimePassword, user } = reset.json();
    expect(oneTimePassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(user).toMatchObject({ mustChangePassword: true });
    expect((await call('GET', '/api/auth/me', session)).statusCode).toBe(401);
    expect((await login(judge.username, TEST_PASSWORD)).statusCode).toBe(401);

    const first = await login(judge.username, oneTimePassword);
    expect(first.json()).toMatchObject({ next: 'password' });
    expect(first.cookies.find((c) => c.name === 'cb_session')).toBeUndefined();
    const step = first.cookies.find((c) => c.name === 'cb_signin')!;
    const change = (newPassword: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: { cookie: `cb_signin=${step.value}` },
        payload: { newPassword },
      });
    const same = await change(oneTimePassword);
    expect(same.statusCode).toBe(400);
    expect(same.json().error.code).toBe('auth.password_unchanged');
    const short = await change('short');
    expect(short.json().error.code).toBe('users.password_too_short');

    const done = await change('a new long password');
    expect(done.statusCode).toBe(200);
    expect(done.json().user).toMatchObject({ id: judge.id });
    expect(done.cookies.find((c) => c.name === 'cb_session')?.value).toBeTruthy();
    expect((await change('another long password')).json().error.code).toBe('auth.sign_in_expired');
    expect((await login(judge.username, oneTimePassword)).statusCode).toBe(401);
    expect((await login(judge.username, 'a new long password')).statusCode).toBe(200);
    expect(await auditOf(judge.id)).toEqual(
      expect.arrayContaining(['user.password_reset', 'auth.password_changed']),
    );
  });

  it('changes a role to one that fits the organisation, with before and after in the audit', async () => {
    const officer = await makeUser(db, pair.station.id, 'station.officer');
    const session = await signIn(app, officer.username);
    const changed = await call('PUT', `/api/users/${officer.id}/role`, admin, { role: 'station.chief' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ role: 'station.chief' });
    expect((await call('GET', '/api/auth/me', session)).statusCode).toBe(401);
    const entry = await db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'user.role_changed')
      .where('resource_id', '=', officer.id)
      .executeTakeFirstOrThrow();
    expect(entry.details).toEqual({ before: { role: 'station.officer' }, after: { role: 'station.chief' } });

    const misfit = await call('PUT', `/api/users/${officer.id}/role`, admin, { role: 'prosecutor.judge' });
    expect(misfit.statusCode).toBe(400);
    expect(misfit.json().error.code).toBe('users.role_not_for_organisation');
    const bad = await call('PUT', `/api/users/${officer.id}/role`, admin, { role: 'king' });
    expect(bad.statusCode).toBe(400);
    const row = await db.selectFrom('users').select('role').where('id', '=', officer.id).executeTakeFirst();
    expect(row?.role).toBe('station.chief');
  });

  it('refuses an administrator these steps on their own account, and other roles all of them', async () => {
    for (const [method, step] of [
      ['POST', 'disable'],
      ['POST', 'password-reset'],
      ['PUT', 'role'],
    ] as const) {
      const own = await call(
        method,
        `/api/users/${adminId}/${step}`,
        admin,
        step === 'role' ? { role: 'supervisor' } : undefined,
      );
      expect(own.json().error.code, step).toBe('users.cannot_change_self');
    }
    const supervisor = await signIn(app, (await makeUser(db, hqId, 'supervisor')).username);
    const target = await makeUser(db, pair.station.id, 'station.officer');
    for (const step of ['disable', 'enable', 'unlock', 'password-reset']) {
      const res = await call('POST', `/api/users/${target.id}/${step}`, supervisor);
      expect(res.statusCode, step).toBe(403);
    }
    const role = await call('PUT', `/api/users/${target.id}/role`, supervisor, { role: 'station.chief' });
    expect(role.statusCode).toBe(403);
    const missing = await call('POST', `/api/users/00000000-0000-4000-8000-000000000000/disable`, admin);
    expect(missing.json().error.code).toBe('users.not_found');
    expect(await auditOf(target.id)).toEqual(['user.created']);
  });
});
