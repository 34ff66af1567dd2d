import { Readable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { sendAttachment } from './send-attachment.js';
import { registerSecurityHeaders } from './security-headers.js';

/** An app with the browser defences, a JSON route and a document download, as the node has them. */
async function answer(url: string) {
  const app = Fastify();
  await registerSecurityHeaders(app);
  app.get('/api/thing', async () => ({ ok: true }));
  app.get('/api/document', async (_request, reply) =>
    sendAttachment(reply, { mediaType: 'application/pdf', size: 4, name: 'a.pdf' }, Readable.from(['%PDF'])),
  );
  const res = await app.inject({ method: 'GET', url });
  await app.close();
  return res;
}

/** The CSP's directives by name: `{ 'script-src': ["'self'"], … }`. */
function directives(header: unknown): Record<string, string[]> {
  return Object.fromEntries(
    String(header)
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('the browser defences on every answer', () => {
  it('allows only the node’s own scripts: nothing inline, no eval, no plugin, no framing', async () => {
    const csp = directives((await answer('/api/thing')).headers['content-security-policy']);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['script-src-attr']).toEqual(["'none'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'self'"]);
    expect(csp['form-action']).toEqual(["'self'"]);
    // antd's CSS-in-JS injects <style> tags: inline styles only, never inline script.
    expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('does not upgrade requests to HTTPS nor pin HTTPS, so that a plain-HTTP intranet node still works', async () => {
    const res = await answer('/api/thing');
    expect(directives(res.headers['content-security-policy'])).not.toHaveProperty(
      'upgrade-insecure-requests',
    );
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('forbids framing, sniffing and referrers also to browsers that read no CSP', async () => {
    const res = await answer('/api/thing');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('keeps the sandboxing CSP of a document download instead of the page’s', async () => {
    const res = await answer('/api/document');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBe('sandbox');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});
