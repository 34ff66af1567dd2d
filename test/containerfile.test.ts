import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * CI cannot build the image (a base image comes from a container registry, which it cannot reach: README,
 * "The image"), so its shape is checked here: what it copies exists, the command starts what the build writes.
 */
const REPO = path.resolve(import.meta.dirname, '..');

interface Instruction {
  op: string;
  args: string;
}

async function instructions(): Promise<Instruction[]> {
  const text = await fs.readFile(path.join(REPO, 'deploy', 'Containerfile'), 'utf8');
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const [op = '', ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

describe('deploy/Containerfile', () => {
  it('copies from the build context only files that exist, and from the build stage what it makes', async () => {
    const all = await instructions();
    const copies = all.filter((i) => i.op === 'COPY');
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      const parts = copy.args.split(/\s+/);
      const fromStage = parts[0]?.startsWith('--from=');
      const sources = parts.filter((p) => !p.startsWith('--')).slice(0, -1);
      for (const source of sources) {
        if (fromStage) {
          // The build stage's WORKDIR is /src: what it copies is the repository's folder of that name after the build.
          expect(source.startsWith('/src/'), source).toBe(true);
          const inRepo = source.slice('/src/'.length);
          if (inRepo !== 'dist') await fs.access(path.join(REPO, inRepo));
        } else {
          await fs.access(path.join(REPO, source));
        }
      }
    }
    const build = all.find((i) => i.op === 'RUN' && i.args.includes('npm run build'));
    expect(build).toBeDefined();
    const pkg = JSON.parse(await fs.readFile(path.join(REPO, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      engines: { node: string };
    };
    expect(pkg.scripts.build).toContain('scripts/build-server.mjs');
  });

  it('starts the file the server build writes, on the Node major version package.json asks for', async () => {
    const all = await instructions();
    const cmd = all.filter((i) => i.op === 'CMD').at(-1);
    const [, script] = JSON.parse(cmd?.args ?? '[]') as string[];
    const buildScript = await fs.readFile(path.join(REPO, 'scripts', 'build-server.mjs'), 'utf8');
    const entry = /entryPoints:\s*\{\s*(\w+):/.exec(buildScript)?.[1];
    expect(buildScript).toContain('dist/server');
    expect(script).toBe(`dist/server/${entry}.js`);
    const pkg = JSON.parse(await fs.readFile(path.join(REPO, 'package.json'), 'utf8')) as {
      engines: { node: string };
    };
    const major = /(\d+)/.exec(pkg.engines.node)?.[1];
    for (const from of all.filter((i) => i.op === 'FROM'))
      expect(from.args).toMatch(new RegExp(`node:${major}\\b`));
    const dataDir = /DATA_DIR=(\S+)/.exec(all.find((i) => i.op === 'ENV')?.args ?? '')?.[1];
    expect(all.find((i) => i.op === 'VOLUME')?.args).toBe(dataDir);
    expect(all.find((i) => i.op === 'HEALTHCHECK')?.args).toContain('/readyz');
  });
});
