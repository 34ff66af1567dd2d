import type { Updateable } from 'kysely';
import type { UpdateCaseBody } from '../../../domain/cases/case.schema.js';
import type { CaseRow, CasesTable } from '../../db/schema.js';
import type { CaseReferences } from './case-references.rules.js';

const columnOf = {
  crimeCategoryCode: 'crime_category_code',
  incidentAt: 'incident_at',
  incidentProvinceCode: 'incident_province_code',
  incidentCountyCode: 'incident_county_code',
  incidentAddress: 'incident_address',
  narrative: 'narrative',
  accusedUnknown: 'accused_unknown',
} as const satisfies Record<keyof UpdateCaseBody, keyof CasesTable>;

type CaseField = keyof typeof columnOf;
const caseFieldNames = Object.keys(columnOf) as CaseField[];

/**
 * The columns an open or update body sets, and the names of the fields it sets: a field left out is
 * left alone, `null` clears it. Text goes in exactly as sent.
 */
export function caseColumnsOf(body: UpdateCaseBody): {
  columns: Updateable<CasesTable>;
  fields: CaseField[];
} {
  const columns: Updateable<CasesTable> = {};
  const fields: CaseField[] = [];
  for (const field of caseFieldNames) {
    const value = body[field];
    if (value === undefined) continue;
    fields.push(field);
    if (field === 'accusedUnknown') columns.accused_unknown = value === true;
    else if (field === 'incidentAt') columns.incident_at = typeof value === 'string' ? new Date(value) : null;
    else columns[columnOf[field]] = value as string | null;
  }
  return { columns, fields };
}

/** The reference codes of a case once `body` is applied to `row` (or to nothing, for a new case). */
export function mergedReferences(body: UpdateCaseBody, row?: CaseRow): CaseReferences {
  const pick = (v: string | null | undefined, current: string | null | undefined) =>
    v === undefined ? (current ?? null) : v;
  return {
    crimeCategoryCode: pick(body.crimeCategoryCode, row?.crime_category_code),
    incidentProvinceCode: pick(body.incidentProvinceCode, row?.incident_province_code),
    incidentCountyCode: pick(body.incidentCountyCode, row?.incident_county_code),
  };
}

/** What the named fields of a case say, as the API writes them (the before and after of an audited change). */
export function caseFieldValues(row: CaseRow, fields: readonly CaseField[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    const value = row[columnOf[field]];
    values[field] = value instanceof Date ? value.toISOString() : value;
  }
  return values;
}
