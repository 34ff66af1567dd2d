import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../domain/errors.js';

/** Methods that change something: the ones a page of another site must not send with our session cookie. */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Is `origin` another site than the node as this request reached it (its protocol and `Host` header;
 * behind a proxy that the node trusts — Fastify's `trustProxy` — the proxy's `X-Forwarded-Proto` and
 * `X-Forwarded-Host`)? Compared as `URL` hosts, so `http://a:80` and `http://a` are the same. One
 * difference is allowed: an `https` page reaching the node over plain HTTP under the same host and port —
 * a proxy that ends TLS in front of the node, which only whoever holds that host's certificate can be.
 */
function isForeignOrigin(origin: string, request: FastifyRequest): boolean {
  let claimed: URL;
  let own: URL;
  try {
    claimed = new URL(origin);
    own = new URL(`${request.protocol}://${request.host}`);
  } catch {
    return true;
  }
  if (claimed.host !== own.host) return true;
  if (claimed.protocol === own.protocol) return false;
  return !(claimed.protocol === 'https:' && own.protocol === 'http:');
}

/** Is the request's `Origin` (or, without one, its `Sec-Fetch-Site`) another site's? */
export function isForeignRequest(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  // `Origin: null` (a sandboxed frame, a data: page, a cross-origin redirect) is never us.
  if (origin !== undefined) return origin === 'null' || isForeignOrigin(origin, request);
  // Browsers send `Origin` with every POST/PUT/PATCH/DELETE; Fetch Metadata is the second line for
  // those that do not. `none` is the user's own navigation; no header at all is a non-browser client.
  const site = request.headers['sec-fetch-site'];
  return site === 'cross-site' || site === 'same-site';
}

/**
 * Refuses (403 `auth.origin_refused`) a state-changing request that a page of another origin made with the
 * browser's cookies: cross-site request forgery. Checked when the request carries the session cookie, and
 * for every `/api/` request (also sign-in, so that another site cannot sign a browser into an account of its
 * choosing). Node-to-node traffic (`/exchange/v1/*`) carries no cookie and no `Origin` and is never affected.
 * Registered after `@fastify/cookie`, whose hook parses the cookies this one reads.
 */
export function registerOriginCheck(app: FastifyInstance, options: { sessionCookie: string }): void {
  app.addHook('onRequest', async (request) => {
    if (!STATE_CHANGING.has(request.method)) return;
    const carriesSession = request.cookies[options.sessionCookie] !== undefined;
    const isApi = request.url === '/api' || request.url.startsWith('/api/');
    if (!carriesSession && !isApi) return;
    if (isForeignRequest(request)) throw new AppError('auth.origin_refused');
  });
}
