// `DATABASE_URL=… npx tsx bench/processes.ts [--seconds S] [--lanes C]`: one node process against two behind a
// round-robin proxy (test/round-robin-proxy.ts), in the same run, on one scratch database and one s3rver bucket.
// Each lane, signed in as a station officer, opens a case (a write: row, timeline, audit) and reads it back (a
// read, audited), as fast as answers come; prints requests/s for each setup. Never part of npm test.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../src/server/db/client.js';
import { findFreePort } from '../test/free-port.js';
import { makeStationUser, TEST_PASSWORD } from '../test/factories.js';
import { startRoundRobinProxy } from '../test/round-robin-proxy.js';
import { startS3Server } from '../test/s3.js';
import { scratchDatabases } from './scratch-databases.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg('seconds', 15);
const lanes = arg('lanes', 16);

async function serve(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await findFreePort();
  const child = spawn(process.execPath, ['bin/casebridge.js', 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('listening on')) resolve();
    });
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

const databases = await scratchDatabases(1, process.env.DATABASE_URL);
const s3 = await startS3Server(['bench']);
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-bench-processes-'));
const env = {
  ...s3.env,
  S3_BUCKET: 'bench',
  DATABASE_URL: databases.urls[0] ?? '',
  DATA_DIR: dataDir,
  DEMO: 'false',
};
const first = await serve(env);
const second = await serve(env);
const db = createDb(databases.urls[0] ?? '');
const { user } = await makeStationUser(db);

async function run(backends: string[]): Promise<number> {
  const proxy = await startRoundRobinProxy(backends);
  const login = await fetch(`${proxy.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user.username, password: TEST_PASSWORD }),
  });
  const headers = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '', origin: proxy.url };
  let done = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (Date.now() < until) {
        const opened = await fetch(`${proxy.url}/api/cases`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ origin: 'complaint' }),
        });
        const { id } = (await opened.json()) as { id: string };
        const read = await fetch(`${proxy.url}/api/cases/${id}`, { headers });
        await read.arrayBuffer();
        if (opened.status !== 201 || read.status !== 200) throw new Error(`${opened.status} ${read.status}`);
        done += 2;
      }
    }),
  );
  await proxy.close();
  return done / seconds;
}

try {
  await run([first.url]); // warm-up of both JITs' hot paths is not fair to one: warm each process once
  await run([second.url]);
  const results: string[] = [];
  for (const round of [1, 2]) {
    const one = await run([first.url]);
    const two = await run([first.url, second.url]);
    results.push(
      `round ${round}: one process ${one.toFixed(0)} requests/s, two processes ${two.toFixed(0)} requests/s`,
    );
  }
  console.log(`${lanes} lanes, ${seconds} s each, open a case + read it (${databases.where}):`);
  for (const line of results) console.log(`  ${line}`);
} finally {
  first.child.kill('SIGTERM');
  second.child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await db.destroy();
  await s3.stop();
  await databases.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
}
