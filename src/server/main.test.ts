import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from './config.js';
import { useTestPki } from '../../test/tls.js';
import { startNode, type RunningNode } from './main.js';

/**
 * A whole node in this process on an embedded PostgreSQL (no DATABASE_URL) in an empty data folder:
 * started, asked, stopped, and started again on the same folder.
 */
describe('a node started with an empty data folder and no DATABASE_URL', () => {
  let root: string;
  let config: Config;
  let webDir: string;
  const printed: string[] = [];
  let node: RunningNode | undefined;

  beforeAll(async () => {
    // World-traversable: as root, the embedded PostgreSQL runs as the `postgres` user inside it.
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-node-'));
    await fs.chmod(root, 0o755);
    webDir = path.join(root, 'web');
    await fs.mkdir(path.join(webDir, 'assets'), { recursive: true });
    await fs.writeFile(
      path.join(webDir, 'index.html'),
      '<!doctype html><html dir="rtl"><title>casebridge</title></html>',
    );
    await fs.writeFile(path.join(webDir, 'assets', 'app-1234.js'), 'console.log(1)');
    config = loadConfig({
      DATA_DIR: path.join(root, 'data'),
      PORT: '0',
      LOG_LEVEL: 'silent',
      NODE_ID: 'node-main-test',
    });
    node = await startNode(config, { print: (line) => printed.push(line), webDir });
  }, 180_000);

  afterAll(async () => {
    await node?.stop();
    await fs.rm(root, { recursive: true, force: true });
  }, 60_000);

  const get = (url: string) => fetch(`${node?.url}${url}`);

  it('prints where it listens and, once, the demo log-ins marked DEMO', () => {
    expect(printed.some((l) => l.includes(`listening on ${node?.url}`))).toBe(true);
    expect(printed.filter((l) => l.startsWith('DEMO password')).length).toBe(1);
    expect(printed.some((l) => /^DEMO\s+officer\s/.test(l))).toBe(true);
  });

  it('answers /healthz and /readyz', async () => {
    expect(await (await get('/healthz')).json()).toEqual({ status: 'ok' });
    expect(await (await get('/readyz')).json()).toEqual({ status: 'ready' });
  });

  it('lists the API in /api/openapi.json and serves the docs at /api/docs', async () => {
    const spec = (await (await get('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/organisations', '/api/users', '/api/audit']),
    );
    // The web UI's fallback route is not part of the API.
    expect(Object.keys(spec.paths)).not.toContain('/*');
    expect((await get('/api/docs')).status).toBe(200);
  });

  it('serves the web UI at / (its routes are in the URL’s hash), and 404s for other paths', async () => {
    const home = await get('/');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('casebridge');
    const deep = await get('/cases/some-id?tab=parties');
    expect(deep.status).toBe(404);
    expect(await deep.text()).not.toContain('casebridge');
    const asset = await get('/assets/app-1234.js');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const api = await get('/api/no-such-thing');
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('request.invalid');
  });

  it('stops cleanly and starts again on the same folder with its data and without seeding again', async () => {
    const before = await node?.database.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await node?.stop();
    await node?.stop(); // idempotent
    expect(printed.length).toBeGreaterThan(0);
    printed.length = 0;
    node = await startNode(config, { print: (line) => printed.push(line), webDir });
    expect(printed.some((l) => l.startsWith('DEMO'))).toBe(false);
    expect(await (await get('/readyz')).json()).toEqual({ status: 'ready' });
    const after = await node.database.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before?.n);
    expect(after.n).toBe(200);
  }, 180_000);
});

describe('a node given TLS files that do not work', () => {
  it('refuses to start, naming the variable, before it opens a database or writes anything', async () => {
    const pki = await useTestPki();
    const dataDir = path.join(os.tmpdir(), `casebridge-tls-refused-${process.pid}`);
    const config = loadConfig({
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      TLS_CERT_FILE: pki.certFile,
      TLS_KEY_FILE: pki.otherKeyFile,
    });
    await expect(startNode(config, { print: () => undefined })).rejects.toThrow(
      /TLS_KEY_FILE: is not the private key of the certificate/,
    );
    await expect(fs.stat(dataDir)).rejects.toMatchObject({ code: 'ENOENT' });
    const noCa = loadConfig({ DATA_DIR: dataDir, PORT: '0', TLS_CA_FILE: pki.keyFile });
    await expect(startNode(noCa, { print: () => undefined })).rejects.toThrow(/TLS_CA_FILE/);
    await expect(fs.stat(dataDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
