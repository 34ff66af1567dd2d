import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  criterionOf,
  PlanError,
  planRollout,
  reachesTarget,
  type PlannableUnit,
  type PlanOptions,
} from './planner.js';

const unit = (code: string, thefts: number, visits = 0, province = 'IR-23'): PlannableUnit => ({
  code,
  province,
  thefts,
  visits,
});

/** The smallest admissible set reaching the target, by trying every subset (small registers only). */
function bruteForceSize(units: readonly PlannableUnit[], options: PlanOptions): number | null {
  const value = criterionOf(units, options.visitsWeight ?? 0);
  const excluded = new Set(options.exclude ?? []);
  const included = new Set((options.include ?? []).filter((c) => !excluded.has(c)));
  const m = options.perProvince ?? 0;
  const available = new Map<string, number>();
  for (const u of units)
    if (!excluded.has(u.code)) available.set(u.province, (available.get(u.province) ?? 0) + 1);
  let best: number | null = null;
  for (let mask = 0; mask < 1 << units.length; mask++) {
    const set = units.filter((_, i) => (mask >> i) & 1);
    if (best !== null && set.length >= best) continue;
    if (set.some((u) => excluded.has(u.code))) continue;
    if ([...included].some((c) => !set.some((u) => u.code === c))) continue;
    const count = new Map<string, number>();
    for (const u of set) count.set(u.province, (count.get(u.province) ?? 0) + 1);
    if ([...available].some(([p, n]) => (count.get(p) ?? 0) < Math.min(m, n))) continue;
    const covered = set.reduce((s, u) => s + value(u), 0);
    if (reachesTarget(covered, options.target)) best = set.length;
  }
  return best;
}

const registerArb = fc
  .array(
    fc.record({
      thefts: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 5000 })),
      visits: fc.integer({ min: 0, max: 3000 }),
      province: fc.constantFrom('IR-01', 'IR-07', 'IR-23'),
    }),
    { minLength: 1, maxLength: 10 },
  )
  .map((rows) => rows.map((r, i) => ({ code: `U${String(i).padStart(2, '0')}`, ...r })))
  .filter((units) => units.some((u) => u.thefts > 0) && units.some((u) => u.visits > 0));

const targetArb = fc.double({ min: 0.01, max: 1, noNaN: true });

describe('the rollout planner', () => {
  it('takes the stations with the most thefts first and stops at the target', () => {
    const units = [unit('A', 10), unit('B', 50), unit('C', 30), unit('D', 10)];
    const plan = planRollout(units, { target: 0.6 });
    expect(plan.chosen.map((c) => c.unit.code)).toEqual(['B', 'C']);
    expect(plan.theftShare).toBeCloseTo(0.8);
    expect(plan.chosen.map((c) => c.cumulativeTheftShare)).toEqual([0.5, 0.8]);
  });

  it('breaks ties by visits, then by code', () => {
    const units = [unit('C', 10, 1), unit('B', 10, 5), unit('A', 10, 5), unit('D', 70, 0)];
    const plan = planRollout(units, { target: 1 });
    expect(plan.chosen.map((c) => c.unit.code)).toEqual(['D', 'A', 'B', 'C']);
  });

  it('weighs visits when asked; at equal weights a tie goes to the unit with more visits', () => {
    const units = [unit('A', 90, 10), unit('B', 10, 90), unit('C', 0, 0)];
    expect(planRollout(units, { target: 0.5, visitsWeight: 1 }).chosen.map((c) => c.unit.code)).toEqual([
      'B',
    ]);
    const half = planRollout(units, { target: 0.5, visitsWeight: 0.5 });
    expect(half.chosen.map((c) => c.unit.code)).toEqual(['B']);
    expect(half.criterionShare).toBeCloseTo(0.5);
  });

  it('puts the best unit of every province in when asked, and cuts the plan into waves', () => {
    const units = [unit('T1', 100, 0, 'IR-23'), unit('T2', 90, 0, 'IR-23'), unit('F1', 1, 0, 'IR-07')];
    expect(planRollout(units, { target: 0.5 }).chosen.map((c) => c.unit.code)).toEqual(['T1']);
    const plan = planRollout(units, { target: 0.5, perProvince: 1, waveSize: 1 });
    expect(plan.chosen.map((c) => [c.unit.code, c.wave, c.rank])).toEqual([
      ['T1', 1, 1],
      ['F1', 2, 2],
    ]);
    expect(plan.waves).toBe(2);
    expect(plan.byProvince.find((p) => p.province === 'IR-07')).toMatchObject({ chosen: 1, units: 1 });
  });

  it('honours units to include and to exclude', () => {
    const units = [unit('A', 50), unit('B', 30), unit('C', 20)];
    const plan = planRollout(units, { target: 0.5, include: ['C'], exclude: ['A'] });
    expect(plan.chosen.map((c) => c.unit.code).sort()).toEqual(['B', 'C']);
  });

  it('refuses a target outside (0, 1], an unknown unit and a target the allowed units cannot reach', () => {
    const units = [unit('A', 50), unit('B', 50)];
    for (const target of [0, -0.1, 1.01, Number.NaN])
      expect(() => planRollout(units, { target })).toThrow(PlanError);
    expect(() => planRollout(units, { target: 0.5, include: ['Z'] })).toThrow(/no unit with code Z/);
    expect(() => planRollout(units, { target: 0.6, exclude: ['A'] })).toThrow(
      expect.objectContaining({ code: 'rollout.target_unreachable' }),
    );
  });

  it('chooses as few units as brute force does, without constraints', () => {
    fc.assert(
      fc.property(registerArb, targetArb, fc.constantFrom(0, 0.3, 1), (units, target, visitsWeight) => {
        const plan = planRollout(units, { target, visitsWeight });
        expect(plan.chosen.length).toBe(bruteForceSize(units, { target, visitsWeight }));
        expect(reachesTarget(plan.criterionShare, target)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('chooses as few units as brute force does, with a minimum per province, inclusions and exclusions', () => {
    fc.assert(
      fc.property(
        registerArb,
        targetArb,
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 1023 }),
        fc.integer({ min: 0, max: 1023 }),
        (units, target, perProvince, includeMask, excludeMask) => {
          const include = units.filter((_, i) => (includeMask >> i) & 1 && i % 3 === 0).map((u) => u.code);
          const exclude = units.filter((_, i) => (excludeMask >> i) & 1 && i % 3 === 1).map((u) => u.code);
          const options = { target, perProvince, include, exclude };
          const expected = bruteForceSize(units, options);
          if (expected === null) {
            expect(() => planRollout(units, options)).toThrow(PlanError);
            return;
          }
          const plan = planRollout(units, options);
          expect(plan.chosen.length).toBe(expected);
          const codes = new Set(plan.chosen.map((c) => c.unit.code));
          for (const c of include) expect(codes.has(c)).toBe(true);
          for (const c of exclude) expect(codes.has(c)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same plan whatever the order of the register, in ranks and waves of at most the wave size', () => {
    fc.assert(
      fc.property(registerArb, targetArb, fc.integer({ min: 1, max: 4 }), (units, target, waveSize) => {
        const plan = planRollout(units, { target, waveSize });
        const reversed = planRollout([...units].reverse(), { target, waveSize });
        expect(reversed.chosen.map((c) => c.unit.code)).toEqual(plan.chosen.map((c) => c.unit.code));
        plan.chosen.forEach((c, i) => {
          expect(c.rank).toBe(i + 1);
          expect(c.wave).toBe(Math.floor(i / waveSize) + 1);
        });
        const shares = plan.chosen.map((c) => c.cumulativeTheftShare);
        expect(shares).toEqual([...shares].sort((a, b) => a - b));
        expect(plan.curve.at(-1)?.unitShare).toBe(1);
      }),
      { numRuns: 200 },
    );
  });
});
