#!/usr/bin/env node
// The `casebridge` command. With a production build (`npm run build:server` → dist/server/casebridge.js) it runs
// that JavaScript, no TypeScript loader; without one — or when a source file is newer than the build, so that a
// stale build never runs in a checkout being edited — it runs src/cli/main.ts through tsx's ESM loader.
import { existsSync, readdirSync, statSync } from 'node:fs';

const built = new URL('../dist/server/casebridge.js', import.meta.url);
const stamp = new URL('../dist/server/BUILT', import.meta.url);
const sources = ['../src/cli', '../src/server', '../src/domain'].map((dir) => new URL(dir, import.meta.url));

/** Whether any file under the source folders changed after the build (false when there are no sources). */
function sourcesNewerThan(time) {
  for (const dir of sources) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && statSync(`${entry.parentPath}/${entry.name}`).mtimeMs > time) return true;
    }
  }
  return false;
}

if (existsSync(built) && existsSync(stamp) && !sourcesNewerThan(statSync(stamp).mtimeMs)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
