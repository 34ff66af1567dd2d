import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest, errorMessageKey, NETWORK_ERROR, queryString } from './client.js';
import { connection } from './connection.js';
import { sessionClock } from './session-clock.js';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('apiRequest', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    // A test that found the node away leaves it found again, so that no probe runs on.
    connection.reportReachable();
    sessionClock.forget();
  });

  it('sends JSON with the same-origin session cookie and returns the parsed answer', async () => {
    const fetch = vi.fn(async () => json(201, { id: 'c1' }));
    vi.stubGlobal('fetch', fetch);
    await expect(
      apiRequest('/api/cases', { method: 'POST', body: { origin: 'complaint' } }),
    ).resolves.toEqual({ id: 'c1' });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/cases');
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBe('{"origin":"complaint"}');
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
  });

  it("throws an ApiError carrying the server's code, message and issues", async () => {
    vi.stubGlobal('fetch', async () =>
      json(400, {
        error: {
          code: 'request.invalid',
          message: 'bad',
          issues: [{ path: 'parties.0.nationalId', code: 'invalid' }],
        },
      }),
    );
    const error = await apiRequest('/api/cases').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'request.invalid',
      message: 'bad',
      issues: [{ path: 'parties.0.nationalId', code: 'invalid' }],
    });
    expect(errorMessageKey(error)).toBe('errors.request.invalid');
  });

  it('names a 401 without a body auth.unauthenticated', async () => {
    vi.stubGlobal('fetch', async () => new Response('', { status: 401 }));
    await expect(apiRequest('/api/auth/me')).rejects.toMatchObject({ code: 'auth.unauthenticated' });
  });

  it('reports an unreachable server as a network error', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await apiRequest('/api/cases').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: NETWORK_ERROR });
    expect(errorMessageKey(error)).toBe('common.networkError');
    expect(connection.getSnapshot().reachable).toBe(false);
  });

  it('tells the connection when the node cannot serve (503) and when it answers again', async () => {
    vi.stubGlobal('fetch', async () => json(503, { error: { code: 'service.unavailable', message: 'x' } }));
    await apiRequest('/api/cases').catch(() => undefined);
    expect(connection.getSnapshot().reachable).toBe(false);
    vi.stubGlobal('fetch', async () => json(200, { items: [] }));
    await apiRequest('/api/cases');
    expect(connection.getSnapshot().reachable).toBe(true);
    // A refusal is an answer: the node is there.
    vi.stubGlobal('fetch', async () => json(503, { error: { code: 'service.unavailable', message: 'x' } }));
    await apiRequest('/api/cases').catch(() => undefined);
    vi.stubGlobal('fetch', async () => json(409, { error: { code: 'cases.invalid_state', message: 'x' } }));
    await apiRequest('/api/cases').catch(() => undefined);
    expect(connection.getSnapshot().reachable).toBe(true);
  });

  it("notes when the session ends from an answer's header, on this browser's clock", async () => {
    const serverNow = Date.now() - 60 * 60_000; // a server clock an hour behind this browser's
    vi.stubGlobal('fetch', async () => {
      const response = json(200, { user: {} });
      response.headers.set('x-session-expires-at', new Date(serverNow + 10 * 60_000).toISOString());
      response.headers.set('date', new Date(serverNow).toUTCString());
      return response;
    });
    await apiRequest('/api/auth/me');
    const { endsAt, ended } = sessionClock.getSnapshot();
    expect(ended).toBe(false);
    // Ten minutes from now here, whatever the server's clock says.
    expect(Math.abs(endsAt! - (Date.now() + 10 * 60_000))).toBeLessThan(2000);
  });

  it('returns undefined for 204', async () => {
    vi.stubGlobal('fetch', async () => new Response(null, { status: 204 }));
    await expect(apiRequest('/api/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
  });
});

describe('queryString', () => {
  it('leaves out empty params', () => {
    expect(queryString({ q: '', page: 2, pageSize: undefined })).toBe('?page=2');
    expect(queryString({ q: 'رضایی' })).toBe('?q=%D8%B1%D8%B6%D8%A7%DB%8C%DB%8C');
  });
});

describe('errorMessageKey', () => {
  it('falls back to a generic message for codes the UI does not know', () => {
    expect(errorMessageKey(new ApiError(418, 'teapot.brewing', 'x'))).toBe('common.unknownError');
    expect(errorMessageKey(new Error('boom'))).toBe('common.unknownError');
  });
});
