/**
 * `npm run bench:planner [-- --runs N --units U]` — the rollout planner over the demo's synthetic register
 * (issue 21, point 6: < 200 ms for 3,000 units). Each run plans from scratch (a 60 % theft target, at least one
 * unit per province, waves of 50, the coverage curve and the table by province included); the first run (the
 * JIT warming up) is reported apart, then the median and the slowest of the rest. Never part of `npm test`.
 */
import { parseArgs } from 'node:util';
import { planRollout } from '../src/domain/rollout/planner.js';
import { demoUnitsRegister } from '../src/server/demo/demo-units.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '30' }, units: { type: 'string', default: '3000' } },
});
const units = demoUnitsRegister(1405, Number(values.units));
const times: number[] = [];
let chosen = 0;
for (let i = 0; i < Number(values.runs); i++) {
  const started = performance.now();
  chosen = planRollout(units, { target: 0.6, perProvince: 1, waveSize: 50 }).chosen.length;
  times.push(performance.now() - started);
}
const [first = 0, ...rest] = times;
rest.sort((a, b) => a - b);
const median = rest[Math.floor(rest.length / 2)] ?? first;
console.log(
  `planner over ${units.length} units: ${chosen} chosen; first run ${first.toFixed(1)} ms, ` +
    `median ${median.toFixed(1)} ms, slowest ${(rest.at(-1) ?? first).toFixed(1)} ms (limit 200 ms)`,
);
process.exitCode = first < 200 && median < 200 ? 0 : 1;
