import { vi } from 'vitest';

export const jsonResponse = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

type Handler = (url: string, init: RequestInit | undefined) => Response | Promise<Response>;

/**
 * Stubs `fetch` with answers by method and path (`'GET /api/orders'`, matched on the path without the
 * query); anything else answers 404 like the server. Returns the mock to inspect the calls.
 */
export function stubApi(routes: Record<string, Handler>) {
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const path = url.split('?')[0];
    const handler = routes[`${init?.method ?? 'GET'} ${path}`];
    return handler
      ? handler(url, init)
      : jsonResponse(404, { error: { code: 'request.invalid', message: 'no route' } });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

/**
 * The answer of `GET /api/auth/me` for a user of `role` in an organisation of `kind` (a station unless
 * told otherwise), for stubbing who is signed in.
 */
export const signedInAs =
  (role: string, kind = 'station', org: { code?: string; nameFa?: string } = {}) =>
  () =>
    jsonResponse(200, {
      user: {
        id: 'u1',
        username: 'u',
        displayName: 'کاربر',
        role,
        isDemo: false,
        totpEnabled: false,
        org: { id: 'o1', code: org.code ?? 'X', kind, nameFa: org.nameFa ?? 'یگان', nameEn: 'Unit' },
      },
    });
