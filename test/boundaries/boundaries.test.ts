import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const configFile = path.join(root, '.dependency-cruiser.cjs');
const fixture = path.join(import.meta.dirname, 'fixture');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** The rules of the project's configuration, by name. */
function ruleNames(): string[] {
  const config = createRequire(import.meta.url)(configFile) as { forbidden: { name: string }[] };
  return config.forbidden.map((rule) => rule.name);
}

/**
 * Runs dependency-cruiser as `npm run check` does, with the project's configuration, on the fixture tree. It exits
 * non-zero when it finds violations, so the report is read from its output either way.
 */
async function cruiseFixture(): Promise<Violation[]> {
  const bin = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  const run = promisify(execFile)(process.execPath, [bin, 'src', '--config', configFile, '-T', 'json'], {
    cwd: fixture,
    maxBuffer: 16 * 1024 * 1024,
  });
  const { stdout, stderr } = await run.catch((error: { stdout?: string; stderr?: string }) => ({
    stdout: error.stdout ?? '',
    stderr: error.stderr ?? '',
  }));
  if (!stdout) throw new Error(`dependency-cruiser gave no report: ${stderr}`);
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

/** `rule: from → to`, an npm package named by its name rather than its path inside node_modules. */
function said(violation: Violation): string {
  const to = violation.to.replace(/^.*node_modules\/([^/]+)\/.*$/, '$1');
  return `${violation.rule.name}: ${violation.from} → ${to}`;
}

describe('the boundaries between the layers (.dependency-cruiser.cjs)', () => {
  let violations: Violation[];
  beforeAll(async () => {
    violations = await cruiseFixture();
  }, 60_000);

  it('reports each file of the fixture that breaks a rule, with its rule, and nothing else', () => {
    expect(violations.map(said).sort()).toEqual([
      'db-only-itself: src/server/db/knows-module.ts → src/server/modules/cases/open-case.usecase.ts',
      'domain-only-its-libraries: src/domain/reads-files.ts → fs',
      'domain-only-its-libraries: src/domain/uses-kysely.ts → kysely',
      'domain-only-itself: src/domain/reaches-server.ts → src/server/db/pool.ts',
      'module-through-its-face: src/server/modules/intake/reaches-inside.ts → src/server/modules/cases/open-case.usecase.ts',
      'no-circular: src/server/modules/cases/cases.presenter.ts → src/server/modules/cases/open-case.usecase.ts',
      'no-module-circle: src/server/modules/escorts → src/server/modules/orders',
      'no-module-circle: src/server/modules/orders → src/server/modules/escorts',
      'not-to-unresolvable: src/server/modules/cases/cases.routes.ts → ./no-such-file.js',
      'platform-only-below: src/server/platform/knows-app.ts → src/server/app.ts',
      'platform-only-below: src/server/platform/knows-module.ts → src/server/modules/cases/open-case.usecase.ts',
      'platform-only-below: src/server/platform/reads-config.ts → src/server/config.ts',
      'web-no-node-builtins: src/web/reads-files.ts → fs',
      'web-only-itself-and-domain: src/web/calls-server.ts → src/server/modules/cases/open-case.usecase.ts',
    ]);
  });

  it('has a fixture file breaking every rule of the configuration', () => {
    const broken = new Set(violations.map((violation) => violation.rule.name));
    expect(ruleNames().filter((name) => !broken.has(name))).toEqual([]);
  });
});
