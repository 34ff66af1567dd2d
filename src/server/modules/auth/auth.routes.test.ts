import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, signIn } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeOrganisation, makeUser } from '../../../../test/factories.js';
import type { App } from '../../app.js';

describe('signing in and out', () => {
  let app: App;
  let username: string;

  beforeAll(async () => {
    const { db } = await useTestDatabase();
    ({ app } = await useTestApp(db, { config: { loginMaxFailures: 3 } }));
    const org = await makeOrganisation(db);
    username = (await makeUser(db, org.id, 'station.officer')).username;
  });

  it('signs in with the right password and sets an http-only, SameSite=Strict session cookie', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: 'correct horse battery' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe(username);
    expect(res.json().user.role).toBe('station.officer');
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

  it('refuses a wrong password with the number of attempts left', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: 'wrong password' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.invalid_credentials');
    expect(res.json().error.details.attemptsLeft).toBe(2);
  });

  it('gives an unknown user the same answer as a wrong password', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody-here', password: 'whatever1' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.invalid_credentials');
  });

  it('locks the account after repeated failures, even against the right password, and says until when', async () => {
    // One failure already counted above; two more reach the limit of 3.
    for (let i = 0; i < 2; i++)
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: 'wrong again' },
      });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: 'correct horse battery' },
    });
    expect(res.statusCode).toBe(423);
    expect(res.json().error.code).toBe('auth.locked');
    expect(new Date(res.json().error.details.lockedUntil).getTime()).toBeGreaterThan(Date.now());
  });

  it('rejects a malformed sign-in with each field path and code', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('request.invalid');
    const paths = res.json().error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.username', 'body.password']));
  });

  it('throttles sign-in attempts from one address, whatever the usernames tried', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.9.8.7',
        payload: { username: `guess-${i}`, password: 'whatever1' },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const last = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.9.8.7',
      payload: { username, password: 'correct horse battery' },
    });
    expect(last.json().error.code).toBe('request.rate_limited');
  });
});
