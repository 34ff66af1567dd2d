// Sums the vitest JSON reports of a CI run into the one closing line `N passed, N failed[, N skipped]`.
// Usage: node .ci/tally.mjs <dir>   — each report is <name>.json with a sibling <name>.exit (the run's code).
// A run that exited non-zero with no failing test counted (a file that failed to load, a crash) counts as one
// failure, so that nothing can fail silently. Exits 1 when anything failed or nothing passed.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.exit'))
  .sort()) {
  const name = file.slice(0, -'.exit'.length);
  const code = Number(fs.readFileSync(path.join(dir, file), 'utf8').trim());
  let report = null;
  try {
    report = JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8'));
  } catch {
    // no report: the run died before writing one
  }
  const runPassed = report?.numPassedTests ?? 0;
  let runFailed = report?.numFailedTests ?? 0;
  const runSkipped = (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0);
  if (code !== 0 && runFailed === 0) runFailed = 1;
  console.log(`  ${name}: ${runPassed} passed, ${runFailed} failed, ${runSkipped} skipped (exit ${code})`);
  passed += runPassed;
  failed += runFailed;
  skipped += runSkipped;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
