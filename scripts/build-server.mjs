#!/usr/bin/env node
// `npm run build:server`: compiles the node and its command (src/cli, src/server, src/domain) to JavaScript in
// dist/server with esbuild — one ES module per entry and shared chunks, npm packages left as imports, the SQL
// migrations copied beside them — so that `node dist/server/casebridge.js` runs with no TypeScript loader
// (docs/decisions/0019: why esbuild, not tsc). Types are checked by `tsc --noEmit` (npm run check), not here.
import { build } from 'esbuild';
import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const out = `${repo}dist/server`;
const started = Date.now();
await fs.rm(out, { recursive: true, force: true });
await build({
  absWorkingDir: repo,
  entryPoints: { casebridge: 'src/cli/main.ts' },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  packages: 'external',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
await fs.cp(`${repo}src/server/db/migrations`, `${out}/migrations`, {
  recursive: true,
  filter: (source) => !source.endsWith('.md'),
});
await fs.writeFile(`${out}/BUILT`, `${new Date().toISOString()}\n`);
process.stdout.write(`server built into dist/server in ${Date.now() - started} ms\n`);
