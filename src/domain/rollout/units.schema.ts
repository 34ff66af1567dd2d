import { z } from 'zod';
import { code, line } from '../text.js';

/** The kinds of unit in the national register: a city's station (کلانتری) or a rural post (پاسگاه). */
export const unitKinds = ['station', 'post'] as const;
export type UnitKind = (typeof unitKinds)[number];

/** The columns a register CSV must have, in this order in the files the planner writes and the docs show. */
export const UNIT_CSV_COLUMNS = [
  'code',
  'name_fa',
  'province',
  'county',
  'kind',
  'thefts',
  'visits',
] as const;
/** Columns a register CSV may add: the unit's other yearly figures. */
export const UNIT_CSV_OPTIONAL_COLUMNS = ['other_crimes', 'files_opened'] as const;

const count = z.int().nonnegative();

/** One unit of the national register, with its yearly figures (issue 21, point 1). */
export const registerUnitSchema = z.object({
  code: code(40),
  nameFa: line(200).min(1),
  /** ISO 3166-2:IR code of the province, e.g. IR-23. */
  province: z.string().regex(/^IR-\d{2}$/),
  county: line(120).min(1),
  kind: z.enum(unitKinds),
  thefts: count,
  visits: count,
  otherCrimes: count.nullable(),
  filesOpened: count.nullable(),
});
export type RegisterUnit = z.infer<typeof registerUnitSchema>;

/** One problem of a register CSV: the line (1 = the header), the column, and a stable code with a sentence. */
export const csvIssueSchema = z.object({
  line: z.int().nonnegative(),
  field: z.string(),
  code: z.string(),
  message: z.string(),
});
export type CsvIssue = z.infer<typeof csvIssueSchema>;

/** POST /api/units/import — the CSV file's text is read from the body as bytes (text/csv). */
export const unitsImportResultSchema = z.object({
  created: count,
  updated: count,
  total: count,
});
export type UnitsImportResult = z.infer<typeof unitsImportResultSchema>;

/**
 * POST /api/units/refresh-from-files — the register's yearly figures of the units already on casebridge, from
 * their own case files of the last 365 days: the units updated, by code.
 */
export const unitsRefreshResultSchema = z.object({
  updated: z.int().nonnegative(),
  codes: z.array(line(40)),
});
export type UnitsRefreshResult = z.infer<typeof unitsRefreshResultSchema>;
