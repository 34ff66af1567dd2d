import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../src/server/config.js';
import { startNode, type RunningNode } from '../../src/server/main.js';
import { TEST_NODE_ID } from '../factories.js';

/**
 * Browser tests drive the real UI, built by vite and served by a real node (`startNode`), in Debian's
 * Chromium through playwright-core. Nothing may leave the machine: every request the page makes is
 * recorded, anything not addressed to 127.0.0.1/localhost is blocked and fails the test. Every breach of the
 * node's Content-Security-Policy is recorded too (`cspViolations`), and fails the test as well.
 */

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Is the browser installed? Without it the browser suites skip (they never download one). */
export const hasChromium = existsSync(CHROMIUM_PATH);

export const SKIP_MESSAGE = `browser tests skipped: ${CHROMIUM_PATH} not installed`;

const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_DIR = path.join(REPO, 'dist', 'web');
export const SCREENSHOT_DIR = path.join(REPO, 'test-artifacts', 'screenshots');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** The newest modification time under a folder (the sources the UI is built from). */
async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const stat = await fs.stat(path.join(entry.parentPath, entry.name));
    newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

/** Is dist/web newer than its sources (src/web, and src/domain which it imports)? */
async function webBuildIsFresh(): Promise<boolean> {
  const index = path.join(WEB_DIR, 'index.html');
  const built = existsSync(index) ? (await fs.stat(index)).mtimeMs : 0;
  const sources = Math.max(
    await newestMtime(path.join(REPO, 'src', 'web')),
    await newestMtime(path.join(REPO, 'src', 'domain')),
  );
  return built > sources;
}

/** A lock folder beside dist/web: the browser suites run in parallel and must not build at once. */
const BUILD_LOCK = path.join(REPO, 'dist', '.web-build.lock');
const STALE_LOCK_MS = 5 * 60_000;

async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  await fs.mkdir(path.dirname(BUILD_LOCK), { recursive: true });
  for (;;) {
    try {
      await fs.mkdir(BUILD_LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Left behind by a run that was killed mid-build: take it over.
      const since = await fs.stat(BUILD_LOCK).then(
        (s) => s.mtimeMs,
        () => Date.now(),
      );
      if (Date.now() - since > STALE_LOCK_MS) await fs.rm(BUILD_LOCK, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    await fs.rm(BUILD_LOCK, { recursive: true, force: true });
  }
}

/**
 * Builds the UI into dist/web (`npx vite build`) when it is missing or older than its sources, so
 * that the browser never tests a stale build — one suite at a time; the others wait and reuse it.
 */
export async function ensureWebBuild(): Promise<string> {
  if (await webBuildIsFresh()) return WEB_DIR;
  await withBuildLock(async () => {
    if (await webBuildIsFresh()) return;
    await promisify(execFile)('npx', ['vite', 'build', '--logLevel', 'warn'], {
      cwd: REPO,
      maxBuffer: 16 * 1024 * 1024,
    });
  });
  return WEB_DIR;
}

/** A node on a free loopback port, on the given (test) database, with a temporary data folder. */
export async function startTestNode(databaseUrl: string): Promise<RunningNode & { dataDir: string }> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-e2e-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    NODE_ID: TEST_NODE_ID,
    LOG_LEVEL: 'silent',
    DEMO: 'false',
    // A browser story on a busy test machine is not a stalled database: as test/db.ts, no short timeouts.
    DATABASE_STATEMENT_TIMEOUT_MS: '60000',
    DATABASE_LOCK_TIMEOUT_MS: '60000',
    DATABASE_ACQUIRE_TIMEOUT_MS: '60000',
  });
  const node = await startNode(config, { print: () => {}, webDir: WEB_DIR });
  return {
    ...node,
    dataDir,
    stop: async () => {
      await node.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Is this URL on this machine (or inline data the page made itself)? */
export function isLocalUrl(url: string): boolean {
  const u = new URL(url);
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  return u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
}

export interface Browser {
  context: BrowserContext;
  /** Every URL any page requested, in order. */
  requests: string[];
  /** Requests that tried to leave the machine (blocked). */
  external(): string[];
  /** Console errors and uncaught page errors, which a test should see as failures. */
  pageErrors: string[];
  /**
   * What the node's Content-Security-Policy stopped, as `<directive> <blocked URL or 'inline'> at <page>`:
   * every `securitypolicyviolation` event of any page or frame. Must stay empty: the UI needs no exception.
   */
  cspViolations: string[];
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** Chromium with a fresh profile, Persian locale and Tehran time zone, recording every request. */
export async function launchBrowser(): Promise<Browser> {
  const userDataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    locale: 'fa-IR',
    timezoneId: 'Asia/Tehran',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: false,
  });
  const requests: string[] = [];
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  // The browser reports each violation to the page as an event; the page hands it on to the test.
  await context.exposeBinding('__casebridgeCspViolation', (_source, violation: string) => {
    cspViolations.push(violation);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __casebridgeCspViolation(text: string): void })
        .__casebridgeCspViolation;
      report(
        `${event.effectiveDirective} ${event.blockedURI || 'inline'} at ${event.documentURI} (${event.sourceFile}:${event.lineNumber}:${event.columnNumber})`,
      );
    });
  });
  await context.route('**/*', (route) =>
    isLocalUrl(route.request().url()) ? route.continue() : route.abort('blockedbyclient'),
  );
  const watch = (page: Page) => {
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
  };
  context.on('page', watch);
  return {
    context,
    requests,
    pageErrors,
    cspViolations,
    external: () => requests.filter((url) => !isLocalUrl(url)),
    newPage: async (viewport) => {
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      return page;
    },
    close: async () => {
      await context.close();
      await fs.rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot to test-artifacts/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await fs.mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
