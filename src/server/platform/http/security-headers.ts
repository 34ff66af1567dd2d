import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of every answer (the web UI, the API's JSON, Swagger UI at `/api/docs`):
 * only this node's own scripts, no inline or `eval`'d script, no plugin, no framing by any page, forms
 * and `<base>` only to ourselves. Styles allow `'unsafe-inline'` because antd's CSS-in-JS injects
 * `<style>` tags at run time (a nonce would need a per-request `index.html`); a style cannot run code.
 * Images also from `data:` (the receipt's QR code, antd's and Swagger UI's icons) and `blob:`.
 * No `upgrade-insecure-requests`: a node on a plain-HTTP intranet must still load its own files.
 */
export const contentSecurityPolicyDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The browser defences every answer carries (helmet): the CSP above, `X-Frame-Options: DENY` (for
 * browsers without `frame-ancestors`), `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`
 * (case URLs never leak to another site), Cross-Origin-Opener/Resource-Policy `same-origin`.
 * No HSTS: whether a node is reached over HTTPS is the operator's choice (`TLS_CERT_FILE` or a proxy),
 * and a pinned host name on an intranet outlives a certificate that lapses.
 * A route may still set its own, stricter CSP (documents are served with `sandbox`).
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicyDirectives },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
}
