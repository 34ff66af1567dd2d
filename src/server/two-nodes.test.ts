import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';
import { useTestDatabase } from '../../test/db.js';
import { makeNationalId, TEST_PASSWORD } from '../../test/factories.js';
import { loadConfig } from './config.js';
import { startNode, type RunningNode } from './main.js';

/**
 * Two nodes as an operator sets them up (README, "Two nodes by hand"): a police node hosting a
 * station and a judiciary node hosting a prosecutor's office, each made with the CLI, introduced
 * to each other with their trust entries; then a case file goes from one to the other over HTTP.
 */
describe('a police node and a judiciary node, set up by hand', () => {
  const nodes: RunningNode[] = [];
  let police: { url: string; env: Record<string, string> };
  let judiciary: { url: string; env: Record<string, string> };

  const cli = async (node: { env: Record<string, string> }, ...args: string[]) => {
    const run = await runCli(args, { env: node.env });
    if (run.code !== 0) throw new Error(`casebridge ${args.join(' ')}: ${run.stderr}`);
    return run.stdout;
  };

  beforeAll(async () => {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-two-nodes-'));
    const setUp = async (nodeId: string) => ({
      url: '',
      env: {
        DATABASE_URL: (await useTestDatabase()).url,
        DATA_DIR: path.join(tmp, nodeId),
        NODE_ID: nodeId,
        DEMO: 'false',
      },
    });
    police = await setUp('police-test');
    judiciary = await setUp('judiciary-test');

    await cli(
      judiciary,
      'orgs',
      'add',
      '--code',
      'DA-T4',
      '--kind',
      'prosecutor_office',
      '--name-fa',
      'دادسرای ناحیه ۴ تهران',
      '--name-en',
      'Tehran District 4',
      '--province',
      'IR-23',
      '--county',
      'IR-23-TEHRAN',
    );
    await cli(
      police,
      'orgs',
      'add',
      '--code',
      'KL-101',
      '--kind',
      'station',
      '--name-fa',
      'کلانتری ۱۰۱ تهرانپارس',
      '--name-en',
      'Station 101',
      '--province',
      'IR-23',
      '--county',
      'IR-23-TEHRAN',
    );
    for (const [node, org, username, role] of [
      [police, 'KL-101', 'officer', 'station.officer'],
      [police, 'KL-101', 'chief', 'station.chief'],
      [judiciary, 'DA-T4', 'clerk', 'prosecutor.clerk'],
    ] as const) {
      await cli(
        node,
        'users',
        'add',
        '--org',
        org,
        '--username',
        username,
        '--role',
        role,
        '--name',
        username,
        '--password',
        TEST_PASSWORD,
      );
    }

    for (const [node, env] of [
      [police, police.env],
      [judiciary, judiciary.env],
    ] as const) {
      const running = await startNode(
        loadConfig({ ...env, PORT: '0', LOG_LEVEL: 'silent', DELIVERY_BASE_DELAY_MS: '100' }),
        { print: () => undefined },
      );
      nodes.push(running);
      node.url = running.url;
    }
    const policeTrust = path.join(tmp, 'police.trust.json');
    const judiciaryTrust = path.join(tmp, 'judiciary.trust.json');
    await cli(police, 'peers', 'export', '--url', police.url, '--out', policeTrust);
    await cli(judiciary, 'peers', 'export', '--url', judiciary.url, '--out', judiciaryTrust);
    await cli(police, 'peers', 'add', '--file', judiciaryTrust);
    await cli(judiciary, 'peers', 'add', '--file', policeTrust);
    await cli(police, 'jurisdiction', 'set', '--county', 'IR-23-TEHRAN', '--office', 'DA-T4');
    await cli(judiciary, 'jurisdiction', 'set', '--county', 'IR-23-TEHRAN', '--office', 'DA-T4');
  }, 240_000);

  afterAll(async () => {
    for (const node of nodes) await node.stop();
  });

  async function session(url: string, username: string) {
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return async (method: string, route: string, body?: unknown) => {
      const r = await fetch(`${url}${route}`, {
        method,
        headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, json: (await r.json().catch(() => null)) as unknown };
    };
  }

  async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
    for (let i = 0; i < 150; i++) {
      const found = await probe();
      if (found !== undefined) return found;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('timed out');
  }

  it(
    'sends a case file from the station to the office on the other node, and brings the registration back',
    { timeout: 120_000 },
    async () => {
      const officer = await session(police.url, 'officer');
      const opened = await officer('POST', '/api/cases', {
        origin: 'officer_report',
        crimeCategoryCode: 'theft',
        narrative: 'سرقت از خودرو در خیابان دماوند',
      });
      expect(opened.status).toBe(201);
      const caseId = (opened.json as { id: string }).id;
      await officer('POST', `/api/cases/${caseId}/parties`, {
        role: 'accused',
        firstName: 'حسین',
        lastName: 'کریمی',
        nationalId: makeNationalId(),
      });
      expect((await officer('POST', `/api/cases/${caseId}/submission/prepare`)).status).toBe(200);
      const chief = await session(police.url, 'chief');
      expect((await chief('POST', `/api/cases/${caseId}/submission/approve`)).status).toBe(200);

      const clerk = await session(judiciary.url, 'clerk');
      const intakeId = await eventually(async () => {
        const queue = (await clerk('GET', '/api/intake')).json as {
          items: { id: string; caseRef: string }[];
        };
        return queue.items.find((i) => i.caseRef === caseId)?.id;
      });
      const registered = await clerk('POST', `/api/intake/${intakeId}/register`, {
        fileNumber: '1405-ب-77',
        branch: 'شعبه ۲',
        assignedJudge: 'بازپرس نوری',
      });
      expect(registered.status).toBe(200);

      const submission = await eventually(async () => {
        const s = (await officer('GET', `/api/cases/${caseId}/submission`)).json as {
          status: string;
          registration: unknown;
        };
        return s.status === 'registered' ? s : undefined;
      });
      expect(submission.registration).toMatchObject({ fileNumber: '1405-ب-77' });
      const trail = (await officer('GET', `/api/cases/${caseId}/messages`)).json as {
        items: { type: string; status: string }[];
      };
      expect(trail.items.map((m) => `${m.type}:${m.status}`)).toEqual(
        expect.arrayContaining(['case.submitted:delivered', 'intake.registered:accepted']),
      );
    },
  );
});
