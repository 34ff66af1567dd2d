import { AppError, type FieldIssue } from '../../../domain/errors.js';

/** The reference codes a case points at (crime category, place), after an update is merged in. */
export interface CaseReferences {
  crimeCategoryCode: string | null;
  incidentProvinceCode: string | null;
  incidentCountyCode: string | null;
}

/** The codes of `refs` to look up in the reference tables (`findReferenceCodes`). */
export function referenceCodesOf(refs: CaseReferences) {
  return {
    crimeCategoryCode: refs.crimeCategoryCode,
    provinceCode: refs.incidentProvinceCode,
    countyCode: refs.incidentCountyCode,
  };
}

/**
 * Throws a 400 `request.invalid` naming each field whose code is not in the reference tables
 * (`reference.unknown`), or whose county lies in another province (`reference.county_not_in_province`),
 * from what the look-up `found`. Checked here, not left to the foreign keys, so that a typo is a field
 * error and not a 500.
 */
export function assertCaseReferencesFound(
  refs: CaseReferences,
  found: { crimeCategory: boolean; province: boolean; countyProvinceCode: string | null },
): void {
  const issues: FieldIssue[] = [];
  if (refs.crimeCategoryCode && !found.crimeCategory)
    issues.push({ path: 'body.crimeCategoryCode', code: 'reference.unknown' });
  if (refs.incidentProvinceCode && !found.province)
    issues.push({ path: 'body.incidentProvinceCode', code: 'reference.unknown' });
  if (refs.incidentCountyCode && found.countyProvinceCode === null)
    issues.push({ path: 'body.incidentCountyCode', code: 'reference.unknown' });
  if (
    found.countyProvinceCode !== null &&
    refs.incidentProvinceCode &&
    found.countyProvinceCode !== refs.incidentProvinceCode
  ) {
    issues.push({ path: 'body.incidentCountyCode', code: 'reference.county_not_in_province' });
  }
  if (issues.length > 0) throw new AppError('request.invalid', { issues });
}
