#!/usr/bin/env node
// `npm run bench [-- N]`: seeds N demo cases (default 20 000) into a throwaway embedded PostgreSQL and
// prints the rate. Never touches DATA_DIR or DATABASE_URL: the database lives in a temporary folder.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const cases = process.argv[2] ?? '20000';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebridge-bench-'));
// World-traversable: as root, the embedded PostgreSQL runs as the `postgres` user inside it.
fs.chmodSync(dir, 0o755);
// eslint-disable-next-line no-restricted-properties -- a launcher: it passes the environment on, minus DATABASE_URL
const { DATABASE_URL: _ignored, ...env } = process.env;
try {
  const bin = fileURLToPath(new URL('../bin/casebridge.js', import.meta.url));
  const run = spawnSync(process.execPath, [bin, 'seed', '--demo', '--cases', cases], {
    env: { ...env, DATA_DIR: dir, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  const lines = `${run.stdout}${run.stderr}`
    .split('\n')
    .filter((l) => !l.startsWith('DEMO') && !l.startsWith('====') && l);
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exitCode = run.status ?? 1;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
