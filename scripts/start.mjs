#!/usr/bin/env node
// `npm start`: builds the web UI once if it has never been built (dist/web missing), then runs
// `casebridge serve` in this same process (so SIGINT/SIGTERM reach the node directly).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(new URL('../dist/web/index.html', import.meta.url));
const hasWeb = existsSync(new URL('../src/web/index.html', import.meta.url));

if (!built && hasWeb) {
  process.stdout.write('Building the web UI (first start only)…\n');
  const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: repo,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.stderr.write('The web UI did not build; starting the API without it.\n');
}

process.argv.splice(2, process.argv.length - 2, 'serve');
await import('../bin/casebridge.js');
