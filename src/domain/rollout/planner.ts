/**
 * The rollout planner (issue 21, point 2): which units first, so that the smallest set reaches a target share
 * of thefts (or of visits, or of a weighted mix of both), ordered into waves. Pure: no I/O, runs in the browser
 * and in the CLI alike. Why the choice is minimal is argued beside `planRollout` and checked against brute force
 * and with property-based tests (planner.test.ts); docs/decisions/0014-rollout-planner.md says why this way.
 */

/** A unit of the national register as the planner needs it (the register's other fields travel along). */
export interface PlannableUnit {
  code: string;
  province: string;
  thefts: number;
  visits: number;
}

export interface PlanOptions {
  /** The share to reach, in (0, 1]. */
  target: number;
  /** Weight of visits in the criterion, in [0, 1]; thefts weigh 1 − this. 0 (the default): thefts alone. */
  visitsWeight?: number;
  /** At least this many units of every province (or all its units, if it has fewer). */
  perProvince?: number;
  /** At most this many units per wave; none: one wave. */
  waveSize?: number;
  /** Codes that must be in the plan, whatever their figures. */
  include?: readonly string[];
  /** Codes that must not be in the plan. */
  exclude?: readonly string[];
}

export interface PlannedUnit<U extends PlannableUnit> {
  unit: U;
  wave: number;
  rank: number;
  /** Share of all thefts covered by this unit and those ranked before it. */
  cumulativeTheftShare: number;
  cumulativeVisitShare: number;
}

export interface ProvinceCoverage {
  province: string;
  units: number;
  chosen: number;
  thefts: number;
  theftsCovered: number;
  visits: number;
  visitsCovered: number;
}

export interface RolloutPlan<U extends PlannableUnit> {
  chosen: PlannedUnit<U>[];
  /** Shares of thefts, visits and of the criterion covered by the chosen units. */
  theftShare: number;
  visitShare: number;
  criterionShare: number;
  totalUnits: number;
  waves: number;
  /** The coverage curve: share of units (best first by the criterion) vs share of thefts, from 0 to every unit. */
  curve: { unitShare: number; theftShare: number }[];
  byProvince: ProvinceCoverage[];
}

/** Why a plan cannot be made: the input, not the code, is at fault. */
export class PlanError extends Error {
  constructor(
    readonly code: 'rollout.invalid_target' | 'rollout.target_unreachable' | 'rollout.unknown_unit',
    message: string,
  ) {
    super(message);
    this.name = 'PlanError';
  }
}

/**
 * Shares are sums of fractions; two orders of adding may differ in the last bits. A set reaches the target if it
 * is within this much of it, the same test for the planner and for whoever checks it.
 */
const EPSILON = 1e-9;

/** Does a covered share reach the target? The one test, shared with the tests' brute force. */
export function reachesTarget(covered: number, target: number): boolean {
  return covered >= target - EPSILON;
}

/** Is a target share acceptable: a number in (0, 1]? */
export function isValidShare(target: number): boolean {
  return Number.isFinite(target) && target > 0 && target <= 1;
}

/** The criterion's value of each unit: its weighted share of thefts and visits (each share of the register's total). */
export function criterionOf(
  units: readonly PlannableUnit[],
  visitsWeight = 0,
): (unit: PlannableUnit) => number {
  let thefts = 0;
  let visits = 0;
  for (const u of units) {
    thefts += u.thefts;
    visits += u.visits;
  }
  const wT = 1 - visitsWeight;
  const wV = visitsWeight;
  return (u) => (thefts > 0 ? (wT * u.thefts) / thefts : 0) + (visits > 0 ? (wV * u.visits) / visits : 0);
}

/**
 * The order of preference: the criterion, highest first; ties broken by the other criterion (visits when thefts
 * weigh at least as much, thefts otherwise), then by code.
 */
export function preferenceOrder(
  value: (unit: PlannableUnit) => number,
  visitsWeight = 0,
): (a: PlannableUnit, b: PlannableUnit) => number {
  const other = visitsWeight > 0.5 ? (u: PlannableUnit) => u.thefts : (u: PlannableUnit) => u.visits;
  return (a, b) =>
    value(b) - value(a) || other(b) - other(a) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/**
 * Picks the smallest set of units whose criterion share reaches the target, and orders it into waves.
 *
 * Minimal: every unit weighs a fixed non-negative amount, so the fewest units reaching a sum are the heaviest
 * ones — any set of k units weighs at most the k heaviest, so if the k heaviest fall short, so does every set of
 * k. With constraints: the units to include are in every admissible set; units excluded are in none; and of a
 * province that must have m units, some smallest admissible set holds the province's m best (swap a chosen unit
 * of the province outside its best m for one of its best m not chosen: the set stays admissible, as heavy or
 * heavier, and as small). So the planner takes those first, then the heaviest of the rest until the target is
 * reached, which is minimal by the first argument applied to what is left. Waves follow the order of preference.
 */
export function planRollout<U extends PlannableUnit>(
  units: readonly U[],
  options: PlanOptions,
): RolloutPlan<U> {
  const visitsWeight = options.visitsWeight ?? 0;
  if (!isValidShare(options.target))
    throw new PlanError('rollout.invalid_target', 'the target share must be a number in (0, 1]');
  if (!(visitsWeight >= 0 && visitsWeight <= 1))
    throw new PlanError('rollout.invalid_target', 'the weight of visits must be a number in [0, 1]');
  const known = new Set(units.map((u) => u.code));
  for (const code of [...(options.include ?? []), ...(options.exclude ?? [])])
    if (!known.has(code))
      throw new PlanError('rollout.unknown_unit', `no unit with code ${code} in the register`);

  const value = criterionOf(units, visitsWeight);
  const values = new Map(units.map((u) => [u.code, value(u)]));
  const weight = (u: PlannableUnit) => values.get(u.code) ?? 0;
  // Sorted once (the coverage curve reads the whole register in this order too).
  const all = [...units].sort(preferenceOrder(weight, visitsWeight));
  const excluded = new Set(options.exclude ?? []);
  const included = new Set((options.include ?? []).filter((c) => !excluded.has(c)));
  const ranked = excluded.size > 0 ? all.filter((u) => !excluded.has(u.code)) : all;

  const chosen = new Set<string>(included);
  const perProvince = options.perProvince ?? 0;
  if (perProvince > 0) {
    const count = new Map<string, number>();
    for (const u of ranked) if (included.has(u.code)) count.set(u.province, (count.get(u.province) ?? 0) + 1);
    for (const u of ranked) {
      const n = count.get(u.province) ?? 0;
      if (n < perProvince && !chosen.has(u.code)) {
        chosen.add(u.code);
        count.set(u.province, n + 1);
      }
    }
  }
  let covered = 0;
  for (const u of ranked) if (chosen.has(u.code)) covered += weight(u);
  for (const u of ranked) {
    if (reachesTarget(covered, options.target)) break;
    if (chosen.has(u.code)) continue;
    chosen.add(u.code);
    covered += weight(u);
  }
  if (!reachesTarget(covered, options.target))
    throw new PlanError(
      'rollout.target_unreachable',
      'the units that may be chosen cover less than the target share; exclude fewer units or lower the target',
    );
  return describePlan(all, ranked, chosen, options, weight);
}

function describePlan<U extends PlannableUnit>(
  /** Every unit of the register, in the order of preference. */
  units: readonly U[],
  ranked: readonly U[],
  chosenCodes: ReadonlySet<string>,
  options: PlanOptions,
  weight: (u: PlannableUnit) => number,
): RolloutPlan<U> {
  let allThefts = 0;
  let allVisits = 0;
  for (const u of units) {
    allThefts += u.thefts;
    allVisits += u.visits;
  }
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
  const waveSize = options.waveSize && options.waveSize > 0 ? options.waveSize : Number.POSITIVE_INFINITY;
  const chosen: PlannedUnit<U>[] = [];
  let thefts = 0;
  let visits = 0;
  let criterion = 0;
  for (const unit of ranked) {
    if (!chosenCodes.has(unit.code)) continue;
    thefts += unit.thefts;
    visits += unit.visits;
    criterion += weight(unit);
    const rank = chosen.length + 1;
    chosen.push({
      unit,
      rank,
      wave: Number.isFinite(waveSize) ? Math.ceil(rank / waveSize) : 1,
      cumulativeTheftShare: share(thefts, allThefts),
      cumulativeVisitShare: share(visits, allVisits),
    });
  }
  return {
    chosen,
    theftShare: share(thefts, allThefts),
    visitShare: share(visits, allVisits),
    criterionShare: criterion,
    totalUnits: units.length,
    waves: chosen.at(-1)?.wave ?? 0,
    curve: coverageCurve(units, allThefts),
    byProvince: provinceCoverage(units, chosenCodes),
  };
}

/** Share of units vs share of thefts, taking units (given in the order of preference); at most ~200 points. */
function coverageCurve(
  ranked: readonly PlannableUnit[],
  allThefts: number,
): { unitShare: number; theftShare: number }[] {
  const step = Math.max(1, Math.ceil(ranked.length / 200));
  const curve = [{ unitShare: 0, theftShare: 0 }];
  let thefts = 0;
  ranked.forEach((u, i) => {
    thefts += u.thefts;
    if ((i + 1) % step === 0 || i === ranked.length - 1)
      curve.push({ unitShare: (i + 1) / ranked.length, theftShare: allThefts > 0 ? thefts / allThefts : 0 });
  });
  return curve;
}

function provinceCoverage(units: readonly PlannableUnit[], chosen: ReadonlySet<string>): ProvinceCoverage[] {
  const rows = new Map<string, ProvinceCoverage>();
  for (const u of units) {
    const row = rows.get(u.province) ?? {
      province: u.province,
      units: 0,
      chosen: 0,
      thefts: 0,
      theftsCovered: 0,
      visits: 0,
      visitsCovered: 0,
    };
    row.units += 1;
    row.thefts += u.thefts;
    row.visits += u.visits;
    if (chosen.has(u.code)) {
      row.chosen += 1;
      row.theftsCovered += u.thefts;
      row.visitsCovered += u.visits;
    }
    rows.set(u.province, row);
  }
  return [...rows.values()].sort(
    (a, b) => b.theftsCovered - a.theftsCovered || (a.province < b.province ? -1 : 1),
  );
}
