import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { buildApp } from '../src/server/app.js';
import type { App } from '../src/server/platform/http/fastify-app.js';
import { loadConfig, type Config } from '../src/server/config.js';
import type { Db } from '../src/server/db/client.js';
import { systemClock, type Clock } from '../src/server/platform/clock.js';
import { createLogger, type Logger } from '../src/server/platform/logger.js';
import { createNodeDeps } from '../src/server/node-deps.js';
import { registerStaticWeb } from '../src/server/platform/http/static-web.js';
import { readPeerCa, readServerTls } from '../src/server/platform/tls-files.js';
import { TEST_NODE_ID, TEST_PASSWORD } from './factories.js';

/**
 * The HTTP app on a test database, with its own temporary data folder; closed after the file's tests.
 * With `webDir`, it also serves that web UI build.
 */
export async function useTestApp(
  db: Db,
  options: { clock?: Clock; config?: Partial<Config>; log?: Logger; webDir?: string } = {},
) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-app-'));
  const config = {
    // No role must sign in with TOTP unless a test says so (the sign-in tests do): most tests sign in an admin.
    ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ID: TEST_NODE_ID, TOTP_REQUIRED_ROLES: '' }),
    ...options.config,
  };
  const deps = await createNodeDeps({
    config,
    db,
    clock: options.clock ?? systemClock,
    log: options.log ?? createLogger('silent'),
    peerCa: await readPeerCa(config),
  });
  const { blobs, exchange } = deps;
  const app = await buildApp(deps, { https: await readServerTls(config) });
  // A web UI build to serve, as the node does (main.ts).
  if (options.webDir) await registerStaticWeb(app, options.webDir);
  await app.ready();
  afterAll(async () => {
    await app.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });
  return { app, config, dataDir, blobs, exchange, deps };
}

/** Signs a user in and returns the cookie header to send with later requests. */
export async function signIn(app: App, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200)
    throw new Error(`sign-in failed for ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'cb_session');
  if (!cookie) throw new Error('no session cookie');
  return `cb_session=${cookie.value}`;
}
