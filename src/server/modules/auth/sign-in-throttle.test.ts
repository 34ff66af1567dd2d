import { performance } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeOrganisation, makeUser, TEST_PASSWORD } from '../../../../test/factories.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../platform/clock.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';

const login = (app: App, username: string, password: string, remoteAddress: string, headers = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    headers,
    payload: { username, password },
  });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('throttling failed sign-ins without locking anyone out', () => {
  let app: App;
  let db: Db;
  let officer: string;
  let adminCookie: string;

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
    ({ app } = await useTestApp(db));
    const org = await makeOrganisation(db);
    officer = (await makeUser(db, org.id, 'station.officer')).username;
    adminCookie = await signIn(app, (await makeUser(db, org.id, 'admin')).username);
  });

  it('lets the officer sign in from elsewhere at once after 1,000 wrong attempts for them from one address', async () => {
    const started = performance.now();
    const statuses = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const res = await login(app, officer, `wrong-${i}`, '127.0.0.2');
      const key = `${res.statusCode} ${res.json().error.code}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }
    const elapsed = performance.now() - started;
    // Five wrong passwords are checked; every later try is refused before any password hash is computed
    // (by the throttle, and past 60 a minute by the route's flood guard).
    expect(statuses.get('401 auth.invalid_credentials')).toBe(5);
    expect(statuses.get('429 auth.throttled')).toBeGreaterThan(0);
    expect([...statuses.keys()].sort()).toEqual(
      expect.arrayContaining(['401 auth.invalid_credentials', '429 auth.throttled']),
    );
    expect([...statuses.keys()].every((k) => k.startsWith('401 ') || k.startsWith('429 '))).toBe(true);
    expect(elapsed).toBeLessThan(60_000);

    const owner = await login(app, officer, TEST_PASSWORD, '127.0.0.3');
    expect(owner.statusCode).toBe(200);
    expect(owner.json().user.username).toBe(officer);
  });

  it('answers a throttled try 429 auth.throttled with Retry-After, and audits the refusal', async () => {
    const res = await login(app, officer, TEST_PASSWORD, '127.0.0.4');
    expect(res.statusCode).toBe(200); // another address: not throttled
    for (let i = 0; i < 5; i++) await login(app, officer, 'wrong', '127.0.0.5');
    const refused = await login(app, officer, TEST_PASSWORD, '127.0.0.5');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('auth.throttled');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(refused.json().error.details.retryAfterSeconds).toBe(retryAfter);
    const audited = await db
      .selectFrom('audit_log')
      .select(['ip', 'details'])
      .where('action', '=', 'auth.throttled')
      .where('ip', '=', '127.0.0.5')
      .execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]!.details).toMatchObject({ step: 'password', retryAfterSeconds: retryAfter });
  });

  it('refuses throttled tries without computing a password hash', async () => {
    const hash = await hashPassword('some password');
    const verifies: number[] = [];
    const refusals: number[] = [];
    for (let i = 0; i < 9; i++) {
      let t = performance.now();
      await verifyPassword(hash, 'wrong');
      verifies.push(performance.now() - t);
      t = performance.now();
      const res = await login(app, officer, 'wrong', '127.0.0.5');
      refusals.push(performance.now() - t);
      expect(res.statusCode).toBe(429);
    }
    expect(median(refusals)).toBeLessThan(median(verifies));
  });

  it('throttles one address trying many usernames, and no other address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push((await login(app, `guess-${i}`, 'whatever1', '127.0.0.6')).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect((await login(app, officer, TEST_PASSWORD, '127.0.0.6')).statusCode).toBe(429);
    expect((await login(app, officer, TEST_PASSWORD, '127.0.0.7')).statusCode).toBe(200);
  });

  it('shows an administrator the throttled usernames and addresses, and lets them clear one (audited)', async () => {
    const list = await app.inject({
      method: 'GET',
      url: '/api/auth/throttles',
      headers: { cookie: adminCookie },
    });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as {
      scope: string;
      username: string | null;
      key: string;
      address: string;
      blockedUntil: string | null;
    }[];
    const pair = items.find((t) => t.scope === 'account_address' && t.address === '127.0.0.5');
    expect(pair).toMatchObject({ username: officer, key: officer.toLowerCase() });
    expect(new Date(pair!.blockedUntil!).getTime()).toBeGreaterThan(Date.now());
    const address = items.find((t) => t.scope === 'address' && t.address === '127.0.0.6');
    expect(address?.blockedUntil).not.toBeNull();
    // Names that are no user are shown as such, never as typed.
    expect(items.filter((t) => t.key.startsWith('#')).every((t) => t.username === null)).toBe(true);

    for (const body of [
      { scope: 'account_address', key: pair!.key, address: '127.0.0.5' },
      { scope: 'address', key: '', address: '127.0.0.5' },
    ]) {
      const clear = await app.inject({
        method: 'POST',
        url: '/api/auth/throttles/clear',
        headers: { cookie: adminCookie },
        payload: body,
      });
      expect(clear.statusCode).toBe(204);
    }
    expect((await login(app, officer, TEST_PASSWORD, '127.0.0.5')).statusCode).toBe(200);
    const audited = await db
      .selectFrom('audit_log')
      .select(['details', 'resource_id'])
      .where('action', '=', 'auth.throttle_cleared')
      .execute();
    expect(audited.map((a) => a.details)).toEqual([
      { scope: 'account_address', address: '127.0.0.5', cleared: true },
      { scope: 'address', address: '127.0.0.5', cleared: true },
    ]);
    expect(audited[0]!.resource_id).not.toBeNull();
  });

  it('lets only administrators see or clear throttles', async () => {
    const cookie = await signIn(app, officer);
    const list = await app.inject({ method: 'GET', url: '/api/auth/throttles', headers: { cookie } });
    expect(list.statusCode).toBe(403);
    const clear = await app.inject({
      method: 'POST',
      url: '/api/auth/throttles/clear',
      headers: { cookie },
      payload: { scope: 'address', key: '', address: '127.0.0.6' },
    });
    expect(clear.statusCode).toBe(403);
  });
});

describe('the growing wait', () => {
  it('doubles the wait with each failure after the limit, and forgets nothing by waiting it out', async () => {
    const { db } = await useTestDatabase();
    const clock = fixedClock('2026-06-01T08:00:00Z');
    const { app } = await useTestApp(db, { clock });
    const org = await makeOrganisation(db);
    const { username } = await makeUser(db, org.id, 'station.officer');
    for (let i = 0; i < 5; i++)
      expect((await login(app, username, 'wrong', '127.0.1.1')).statusCode).toBe(401);
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      const refused = await login(app, username, TEST_PASSWORD, '127.0.1.1');
      expect(refused.statusCode).toBe(429);
      const wait = Number(refused.headers['retry-after']);
      waits.push(wait);
      clock.advance(wait * 1000);
      expect((await login(app, username, 'wrong', '127.0.1.1')).statusCode).toBe(401);
    }
    expect(waits).toEqual([30, 60, 120]);
    clock.advance(240_000);
    expect((await login(app, username, TEST_PASSWORD, '127.0.1.1')).statusCode).toBe(200);
    // The right password forgets the pair's failures: the next wrong one starts counting again.
    expect((await login(app, username, 'wrong', '127.0.1.1')).statusCode).toBe(401);
    expect((await login(app, username, TEST_PASSWORD, '127.0.1.1')).statusCode).toBe(200);

    // A day after its last failure, an address's count is forgotten, and its row deleted at the next failure.
    const counted = () =>
      db
        .selectFrom('sign_in_throttles')
        .select(['scope', 'failures'])
        .where('address', '=', '127.0.1.1')
        .execute();
    expect(await counted()).toEqual([{ scope: 'address', failures: 9 }]);
    clock.advance(24 * 3_600_000 + 1);
    expect((await login(app, 'someone-else', 'wrong', '127.0.1.2')).statusCode).toBe(401);
    expect(await counted()).toEqual([]);
  });
});

describe('the client address behind a proxy', () => {
  it('takes X-Forwarded-For only from a proxy listed in TRUSTED_PROXIES', async () => {
    const { db } = await useTestDatabase();
    const { app } = await useTestApp(db, { config: { trustedProxies: ['127.0.2.1'] } });
    await login(app, 'nobody-1', 'x-password', '127.0.2.1', { 'x-forwarded-for': '10.20.30.40' });
    await login(app, 'nobody-2', 'x-password', '127.0.2.2', { 'x-forwarded-for': '10.20.30.41' });
    const ips = await db
      .selectFrom('audit_log')
      .select('ip')
      .where('action', '=', 'auth.login_failed')
      .orderBy('seq')
      .execute();
    expect(ips.map((r) => r.ip)).toEqual(['10.20.30.40', '127.0.2.2']);
    const addresses = await db
      .selectFrom('sign_in_throttles')
      .select('address')
      .where('scope', '=', 'address')
      .execute();
    expect(addresses.map((a) => a.address).sort()).toEqual(['10.20.30.40', '127.0.2.2']);
  });
});
