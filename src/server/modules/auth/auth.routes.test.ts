import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, signIn } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeOrganisation, makeUser, TEST_PASSWORD } from '../../../../test/factories.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { Db } from '../../db/client.js';
import { errorMessages } from '../../../domain/errors.js';

const login = (app: App, username: string, password: string, remoteAddress = '127.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password } });

describe('signing in and out', () => {
  let app: App;
  let username: string;

  beforeAll(async () => {
    const { db } = await useTestDatabase();
    ({ app } = await useTestApp(db));
    const org = await makeOrganisation(db);
    username = (await makeUser(db, org.id, 'station.officer')).username;
  });

  it('signs in with the right password and sets an http-only, SameSite=Strict session cookie', async () => {
    const res = await login(app, username, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe(username);
    expect(res.json().user.role).toBe('station.officer');
    expect(res.json().user.totpEnabled).toBe(false);
    const cookie = res.cookies.find((c) => c.name === 'cb_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(cookie?.expires).toBeInstanceOf(Date);
  });

  it('answers who is signed in, and 401 without a session', async () => {
    const cookie = await signIn(app, username);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe(username);
    const anon = await app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe('auth.unauthenticated');
  });

  it('revokes the session on the server at logout, so the old cookie stops working', async () => {
    const cookie = await signIn(app, username);
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('rejects a malformed sign-in with each field path and code', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('request.invalid');
    const paths = res.json().error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.username', 'body.password']));
  });
});

describe('what a refused sign-in tells', () => {
  let app: App;
  let db: Db;
  let active: string;
  let disabled: string;
  let locked: string;

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
    ({ app } = await useTestApp(db));
    const org = await makeOrganisation(db);
    active = (await makeUser(db, org.id, 'station.officer')).username;
    disabled = (await makeUser(db, org.id, 'station.officer')).username;
    locked = (await makeUser(db, org.id, 'station.chief')).username;
    await db.updateTable('users').set({ disabled_at: new Date() }).where('username', '=', disabled).execute();
    const until = new Date(Date.now() + 3_600_000);
    await db.updateTable('users').set({ locked_until: until }).where('username', '=', locked).execute();
  });

  it('gives an unknown user, a wrong password, a disabled and a locked account the same status and body', async () => {
    // Each from an address of its own, so that no throttle takes part.
    const answers = await Promise.all(
      [
        ['nobody-here', 'whatever1'],
        [active, 'wrong password'],
        [disabled, 'wrong password'],
        [locked, 'wrong password'],
        [disabled, TEST_PASSWORD.toUpperCase()],
      ].map(([user, password], i) => login(app, user!, password!, `10.1.0.${i + 1}`)),
    );
    for (const res of answers) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['retry-after']).toBeUndefined();
      expect(res.cookies).toEqual([]);
    }
    const bodies = new Set(answers.map((r) => r.body));
    expect(bodies.size).toBe(1);
    expect(JSON.parse([...bodies][0]!)).toEqual({
      error: { code: 'auth.invalid_credentials', message: errorMessages['auth.invalid_credentials'] },
    });
  });

  it('tells a disabled account so only after its right password, and opens no session', async () => {
    const res = await login(app, disabled, TEST_PASSWORD, '10.1.1.1');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.account_disabled');
    expect(res.cookies.find((c) => c.name === 'cb_session')).toBeUndefined();
  });

  it('tells a locked account so, and until when, only after its right password', async () => {
    const res = await login(app, locked, TEST_PASSWORD, '10.1.1.2');
    expect(res.statusCode).toBe(423);
    expect(res.json().error.code).toBe('auth.locked');
    expect(new Date(res.json().error.details.lockedUntil).getTime()).toBeGreaterThan(Date.now());
  });

  it('no longer locks an account after failures: the owner signs in after five wrong passwords', async () => {
    for (let i = 0; i < 5; i++) expect((await login(app, active, 'wrong', '10.1.2.1')).statusCode).toBe(401);
    expect((await login(app, active, TEST_PASSWORD, '10.1.2.2')).statusCode).toBe(200);
    const user = await db
      .selectFrom('users')
      .select('locked_until')
      .where('username', '=', active)
      .executeTakeFirstOrThrow();
    expect(user.locked_until).toBeNull();
  });

  it('audits each refusal with its reason, and keeps no username that is no user', async () => {
    const rows = await db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'auth.login_failed')
      .execute();
    const reasons = rows.map((r) => (r.details as { reason: string }).reason);
    expect(reasons).toEqual(expect.arrayContaining(['unknown_user', 'bad_password', 'disabled', 'locked']));
    const keys = await db.selectFrom('sign_in_throttles').select('username').execute();
    expect(keys.map((k) => k.username)).not.toContain('nobody-here');
    expect(keys.some((k) => /^#[0-9a-f]{16}$/.test(k.username))).toBe(true);
  });
});
