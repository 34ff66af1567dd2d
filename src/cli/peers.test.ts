import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';
import { useTestDatabase } from '../../test/db.js';
import { makeOrganisation, TEST_NODE_ID } from '../../test/factories.js';

describe('casebridge peers and keys, between two nodes set up by hand', () => {
  let police: { url: string; dir: string };
  let judiciary: { url: string; dir: string };
  const env = (node: { url: string; dir: string }, id: string) => ({
    DATABASE_URL: node.url,
    DATA_DIR: node.dir,
    NODE_ID: id,
  });

  beforeAll(async () => {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-peers-'));
    police = { url: (await useTestDatabase()).url, dir: path.join(tmp, 'police') };
    const judiciaryDb = await useTestDatabase();
    judiciary = { url: judiciaryDb.url, dir: path.join(tmp, 'judiciary') };
    await makeOrganisation(judiciaryDb.db, { kind: 'prosecutor_office' });
  });

  it('exports one node\u2019s trust entry and adds it on the other, keys and organisations included', async () => {
    const file = path.join(judiciary.dir, '..', 'judiciary.trust.json');
    const exported = await runCli(['peers', 'export', '--url', 'http://127.0.0.1:3101', '--out', file], {
      env: env(judiciary, TEST_NODE_ID),
    });
    expect(exported.code).toBe(0);
    const entry = JSON.parse(await fs.readFile(file, 'utf8')) as {
      nodeId: string;
      keys: unknown[];
      organisations: { kind: string }[];
    };
    expect(entry.nodeId).toBe(TEST_NODE_ID);
    expect(entry.keys).toHaveLength(1);
    expect(entry.organisations.map((o) => o.kind)).toContain('prosecutor_office');

    const added = await runCli(['peers', 'add', '--file', file], { env: env(police, 'police-1') });
    expect(added.stderr).toBe('');
    expect(added.stdout).toMatch(
      /trusted node-test at http:\/\/127\.0\.0\.1:3101: 1 new key\(s\), 1 organisation\(s\)/,
    );
    const listed = await runCli(['peers', 'list'], { env: env(police, 'police-1') });
    expect(listed.stdout).toMatch(/node-test\s+http:\/\/127\.0\.0\.1:3101\s+\S+\s+valid/);
  });

  it('rotates the signing key, keeping the old one valid, and revokes a key', async () => {
    const rotated = await runCli(['keys', 'rotate'], { env: env(judiciary, TEST_NODE_ID) });
    expect(rotated.code).toBe(0);
    const [, kid, retired] = /new signing key (\S+); (\S+) retired/.exec(rotated.stdout) ?? [];
    expect(kid).toBeTruthy();
    const listed = await runCli(['peers', 'list'], { env: env(judiciary, TEST_NODE_ID) });
    expect(listed.stdout).toContain(kid);
    expect(listed.stdout).toContain(retired);

    const revoked = await runCli(['keys', 'revoke', retired ?? ''], { env: env(judiciary, TEST_NODE_ID) });
    expect(revoked.code).toBe(0);
    const again = await runCli(['keys', 'revoke', retired ?? ''], { env: env(judiciary, TEST_NODE_ID) });
    expect(again.code).toBe(2);
  });

  it('refuses a file that is not a trust entry, naming the problem', async () => {
    const file = path.join(police.dir, 'bad.json');
    await fs.mkdir(police.dir, { recursive: true });
    await fs.writeFile(file, JSON.stringify({ nodeId: 'x' }));
    const run = await runCli(['peers', 'add', '--file', file], { env: env(police, 'police-1') });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not a trust entry/);
  });
});
