import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeStationUser, TEST_PASSWORD } from '../../../../test/factories.js';
import type { FastifyRequest } from 'fastify';
import type { App } from './fastify-app.js';
import { isForeignRequest } from './origin-check.js';

/** app.inject addresses the app as `localhost:80` over plain HTTP: that is the node's own origin here. */
const OWN_ORIGIN = 'http://localhost:80';

describe('requests that change something from a page of another origin', () => {
  let app: App;
  let cookie: string;
  let username: string;

  const openCase = (headers: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie, ...headers },
      payload: { origin: 'complaint' },
    });

  beforeAll(async () => {
    const { db } = await useTestDatabase();
    ({ app } = await useTestApp(db));
    const { user } = await makeStationUser(db);
    username = user.username;
    cookie = await signIn(app, username);
  });

  it('refuses a case opened with the session cookie from another origin with 403 auth.origin_refused', async () => {
    const res = await openCase({ origin: 'http://evil.example' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.origin_refused');
  });

  it('opens the same case when the request comes from the node’s own origin', async () => {
    expect((await openCase({ origin: OWN_ORIGIN })).statusCode).toBe(201);
    // The default port may be spelled out or left out: it is the same origin.
    expect((await openCase({ origin: 'http://localhost' })).statusCode).toBe(201);
  });

  it('tells a foreign origin from ours by host and port', async () => {
    for (const origin of [
      'http://localhost:8080',
      'https://localhost:8443',
      'http://localhost.evil.example',
      'http://evil.example:80',
      'null',
      'not a url',
    ]) {
      const res = await openCase({ origin });
      expect(res.statusCode, origin).toBe(403);
    }
  });

  it('accepts the https page of a proxy that ends TLS in front of the node, under the same host', async () => {
    expect((await openCase({ origin: 'https://localhost' })).statusCode).toBe(201);
  });

  it('refuses a request without Origin whose Sec-Fetch-Site says another site sent it', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const res = await openCase({ 'sec-fetch-site': site });
      expect(res.statusCode, site).toBe(403);
      expect(res.json().error.code).toBe('auth.origin_refused');
    }
    expect((await openCase({ 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
  });

  it('lets a client that sends neither Origin nor Fetch Metadata through (it is not a browser)', async () => {
    expect((await openCase({})).statusCode).toBe(201);
  });

  it('leaves reading alone: a GET from another origin is answered', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/cases',
      headers: { cookie, origin: 'http://evil.example' },
    });
    expect(res.statusCode).toBe(200);
  });

  it('refuses a sign-in posted by another site, so that it cannot sign a browser into its own account', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'http://evil.example' },
      payload: { username, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(403);
    expect(res.cookies.find((c) => c.name === 'cb_session')).toBeUndefined();
  });

  it('does not touch the exchange between nodes, which carries no cookie', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/exchange/v1/messages',
      headers: { origin: 'http://another-node.example' },
      payload: { jws: 'not.a.jws' },
    });
    expect(res.statusCode).not.toBe(403);
    expect(res.json().error.code).not.toBe('auth.origin_refused');
  });
});

describe('which origin is the node’s own', () => {
  const request = (protocol: 'http' | 'https', host: string, origin: string) =>
    ({ protocol, host, headers: { origin } }) as unknown as FastifyRequest;

  it('refuses a plain-HTTP page posting to a node that serves HTTPS under the same host', () => {
    expect(isForeignRequest(request('https', 'node.police.ir', 'http://node.police.ir'))).toBe(true);
    expect(isForeignRequest(request('https', 'node.police.ir', 'https://node.police.ir'))).toBe(false);
  });

  it('compares the port the browser used with the Host header, default ports left out', () => {
    expect(isForeignRequest(request('https', 'node.police.ir:8443', 'https://node.police.ir:8443'))).toBe(
      false,
    );
    expect(isForeignRequest(request('https', 'node.police.ir:443', 'https://node.police.ir'))).toBe(false);
    expect(isForeignRequest(request('https', 'node.police.ir:8443', 'https://node.police.ir'))).toBe(true);
    expect(isForeignRequest(request('http', 'NODE.police.ir', 'http://node.police.ir'))).toBe(false);
  });
});
