import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningNode } from '../../src/server/main.js';
import { useTestDatabase } from '../db.js';
import { makeCase, makeStationUser } from '../factories.js';
import {
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  SKIP_MESSAGE,
  startTestNode,
  type Browser,
} from './browser-harness.js';
import { signIn } from './ui-helpers.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

const database = hasChromium ? await useTestDatabase() : null;

/**
 * Another web application on the same host (another port: another origin, but the same site, so the
 * browser still sends the node's `SameSite=Strict` cookie with its requests). Its page frames the node,
 * and can post a document to a case in the name of whoever is signed in to the node.
 */
async function startForeignSite(nodeUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const page = `<!doctype html><html><body>
<iframe id="framed" src="${nodeUrl}/" width="600" height="400"></iframe>
<script>
  window.postDocument = (caseId) => {
    const form = new FormData();
    form.append('kind', 'report');
    form.append('file', new Blob(['planted by another site\\n'], { type: 'text/plain' }), 'planted.txt');
    return fetch('${nodeUrl}/api/cases/' + caseId + '/documents', {
      method: 'POST', mode: 'no-cors', credentials: 'include', body: form,
    }).then(() => 'answered', () => 'answer withheld');
  };
</script></body></html>`;
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe.skipIf(!hasChromium)('the browser defences of the node, in the browser', () => {
  let node: RunningNode;
  let browser: Browser;
  let page: Page;
  let officer: { username: string };
  let caseId: string;

  beforeAll(async () => {
    const { db, url } = database!;
    await ensureWebBuild();
    const station = await makeStationUser(db);
    officer = station.user;
    caseId = (await makeCase(db, station.actor)).id;
    node = await startTestNode(url);
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await node?.stop();
  });

  it('loads the sign-in page’s scripts compressed, and prints what they weigh on the wire', async () => {
    const scripts: { url: string; encoding: string | undefined; wire: number; size: number }[] = [];
    const pending: Promise<void>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      pending.push(
        (async () => {
          const [sizes, body] = await Promise.all([response.request().sizes(), response.body()]);
          scripts.push({
            url: response.url(),
            encoding: response.headers()['content-encoding'],
            wire: sizes.responseBodySize,
            size: body.length,
          });
        })(),
      );
    });
    await page.goto(`${node.url}/`);
    await page.getByLabel('نام کاربری').waitFor();
    await Promise.all(pending);
    page.removeAllListeners('response');

    const wire = scripts.reduce((sum, s) => sum + s.wire, 0);
    const size = scripts.reduce((sum, s) => sum + s.size, 0);
    console.log(
      `sign-in page JavaScript: ${scripts.length} files, ${(size / 1024).toFixed(1)} KB, ` +
        `${(wire / 1024).toFixed(1)} KB on the wire (${[...new Set(scripts.map((s) => s.encoding ?? 'as is'))].join(', ')})`,
    );
    expect(scripts.length).toBeGreaterThan(0);
    // Files under 1 KB are not worth compressing and are sent as they are.
    for (const script of scripts.filter((s) => s.size >= 1024)) {
      expect(['br', 'gzip'], script.url).toContain(script.encoding);
      expect(script.wire, script.url).toBeLessThan(script.size);
    }
    expect(wire).toBeLessThan(size / 2);
  }, 60_000);

  it('runs the UI under its CSP without a single violation, and the CSP stops a script injected into the page', async () => {
    expect(browser.cspViolations).toEqual([]);
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.injectedScriptRan = true';
      document.head.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return (window as unknown as { injectedScriptRan?: boolean }).injectedScriptRan ?? false;
    });
    expect(ran).toBe(false);
    await expect.poll(() => browser.cspViolations.length).toBe(1);
    expect(browser.cspViolations[0]).toMatch(/^script-src-elem inline at /);
    // Caused on purpose here; what follows must again cause none.
    browser.cspViolations.length = 0;
  }, 60_000);

  it('signs the officer in and opens a case from the node’s own page (its POST passes the origin check)', async () => {
    await signIn(page, officer.username);
    const status = await page.evaluate(async () => {
      const res = await fetch('/api/cases', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ origin: 'complaint' }),
      });
      return res.status;
    });
    expect(status).toBe(201);
    expect(browser.cspViolations).toEqual([]);
  }, 60_000);

  it('refuses a document that a page of another origin posts with the officer’s cookie, and is not framed by it', async () => {
    const foreign = await startForeignSite(node.url);
    try {
      const other = await browser.newPage();
      await other.goto(foreign.url);
      // The post reaches the node with the officer's cookie; whatever the node answers, the page may
      // not read it (Cross-Origin-Resource-Policy), so what counts is what the node did.
      const outcome = await other.evaluate(
        (id) => (window as unknown as { postDocument(id: string): Promise<string> }).postDocument(id),
        caseId,
      );
      expect(outcome).toBe('answer withheld');

      // Nothing was added to the case, as its own page sees it.
      const documents = await page.evaluate(async (id) => {
        const res = await fetch(`/api/cases/${id}/documents`);
        return ((await res.json()) as { items: unknown[] }).items.length;
      }, caseId);
      expect(documents).toBe(0);

      // The frame holds no page of the node (frame-ancestors 'none').
      const framed = other.frames().find((frame) => frame !== other.mainFrame());
      expect(framed).toBeDefined();
      expect(await framed!.locator('#root').count()).toBe(0);
      await other.close();
    } finally {
      await foreign.close();
    }
  }, 60_000);

  it('shows the API documentation (Swagger UI) under its CSP', async () => {
    await page.goto(`${node.url}/api/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    await page.locator('.opblock').first().waitFor();
    expect(browser.cspViolations).toEqual([]);
  }, 60_000);

  it('made no request outside this machine', () => {
    expect(browser.external()).toEqual([]);
  });
});
