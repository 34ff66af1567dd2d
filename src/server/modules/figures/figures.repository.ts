import { sql, type RawBuilder } from 'kysely';

/** The period a figure counts: [from, to). */
export interface Period {
  from: Date;
  to: Date;
}

/** A query's rows per unit (an organisation's id or a station's code), the total row under `null`. */
export type ByUnit<T> = Map<string | null, T>;

/** Figures per unit, and over all of them. */
export interface UnitsAndTotal<T> {
  perUnit: Map<string, T>;
  total: T;
}

/**
 * Merges the parts of the figures (each query's rows by unit) into one record per unit and one for the
 * total, starting from `none` (what a unit without any row has).
 */
export function mergeParts<T extends object>(
  units: string[],
  parts: ByUnit<Partial<T>>[],
  none: T,
): UnitsAndTotal<T> {
  const merged = (unit: string | null): T =>
    parts.reduce<T>((sum, part) => ({ ...sum, ...part.get(unit) }), { ...none });
  return { perUnit: new Map(units.map((unit) => [unit, merged(unit)])), total: merged(null) };
}

/** `grouping sets ((unit), ())`: one row per unit and one more, with a null unit, for the total. */
export const perUnitAndTotal = (unit: string): RawBuilder<unknown> =>
  sql`grouping sets ((${sql.ref(unit)}), ())`;

/** `column` falls in the period. */
export const inPeriod = (column: string, period: Period): RawBuilder<boolean> =>
  sql<boolean>`(${sql.ref(column)} >= ${period.from} and ${sql.ref(column)} < ${period.to})`;

/** A count of the rows that match, as a JavaScript number. */
export const countWhere = (condition: RawBuilder<boolean>): RawBuilder<number> =>
  sql<number>`(count(*) filter (where ${condition}))::int`;

/** The median of `later - earlier` in hours over the rows that match (null over none). */
export const medianHours = (
  later: string,
  earlier: string,
  where: RawBuilder<boolean>,
): RawBuilder<number | null> =>
  sql<
    number | null
  >`(percentile_cont(0.5) within group (order by extract(epoch from ${sql.ref(later)} - ${sql.ref(earlier)})) filter (where ${where})) / 3600`;

/**
 * The station's case a message names, when its case reference is a case id: a peer could send anything
 * there, and the cast must never fail the figures.
 */
export const caseIdOfMessage = (caseRef: string): RawBuilder<string | null> =>
  sql<
    string | null
  >`case when ${sql.ref(caseRef)} ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then ${sql.ref(caseRef)}::uuid end`;

/** Rows keyed by their unit (null for the total row), each turned into what the figures need. */
export function byUnit<R extends { unit: string | null }, T>(rows: R[], map: (row: R) => T): ByUnit<T> {
  return new Map(rows.map((row) => [row.unit, map(row)]));
}
