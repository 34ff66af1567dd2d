#!/usr/bin/env node
/**
 * `npm run mutate [-- domain|exchange] [--with-static] [stryker options]`: mutation testing of the critical code
 * with StrykerJS (stryker.config.mjs), one target after the other — never both at once, the runs are
 * CPU-heavy — then each target's mutation score. Incremental: a re-run tests only the mutants whose
 * code or tests changed (reports/mutation/<target>.incremental.json; `--force` for a full run).
 * The exchange's tests need PostgreSQL: the server in DATABASE_URL, or else an embedded one.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const allTargets = ['domain', 'exchange'];
const args = process.argv.slice(2);
const chosen = args.filter((a) => allTargets.includes(a));
const withStatic = args.includes('--with-static');
const strykerArgs = args.filter((a) => !allTargets.includes(a) && a !== '--with-static');
const targets = chosen.length ? chosen : allTargets;

/** The mutation score of a Stryker JSON report: detected / (detected + undetected), in percent. */
function score(reportFile) {
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  const count = { detected: 0, undetected: 0, ignored: 0, errors: 0 };
  for (const file of Object.values(report.files))
    for (const mutant of file.mutants) {
      if (mutant.status === 'Killed' || mutant.status === 'Timeout') count.detected++;
      else if (mutant.status === 'Survived' || mutant.status === 'NoCoverage') count.undetected++;
      else if (mutant.status === 'Ignored') count.ignored++;
      else count.errors++;
    }
  const valid = count.detected + count.undetected;
  return { ...count, score: valid ? (100 * count.detected) / valid : 100 };
}

const scores = [];
for (const target of targets) {
  console.log(`\n=== mutation testing: ${target} ===`);
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs', ...strykerArgs], {
    cwd: root,
    stdio: 'inherit',
    // eslint-disable-next-line no-restricted-properties -- a launcher: it passes the environment on, with the target
    env: { ...process.env, MUTATE: target, MUTATE_STATIC: withStatic ? '1' : '0' },
  });
  if (run.status !== 0) {
    console.error(`stryker failed on ${target} (exit ${run.status})`);
    process.exit(run.status ?? 1);
  }
  scores.push({ target, ...score(path.join(root, 'reports', 'mutation', `${target}.json`)) });
}

console.log('\nMutation scores:');
for (const s of scores)
  console.log(
    `  ${s.target.padEnd(9)} ${s.score.toFixed(2)} %  (${s.detected} detected, ${s.undetected} undetected, ${s.ignored} ignored, ${s.errors} errors)`,
  );
