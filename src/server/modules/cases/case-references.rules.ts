import { AppError, type FieldIssue } from '../../../domain/errors.js';
import type { DbOrTx } from '../../db/client.js';

/** The reference codes a case points at (crime category, place), after an update is merged in. */
export interface CaseReferences {
  crimeCategoryCode: string | null;
  incidentProvinceCode: string | null;
  incidentCountyCode: string | null;
}

/**
 * Throws a 400 `request.invalid` naming each field whose code is not in the reference tables
 * (`reference.unknown`), or whose county lies in another province (`reference.county_not_in_province`).
 * Checked here, not left to the foreign keys, so that a typo is a field error and not a 500.
 */
export async function assertCaseReferencesExist(db: DbOrTx, refs: CaseReferences): Promise<void> {
  const issues: FieldIssue[] = [];
  const [category, province, county] = await Promise.all([
    refs.crimeCategoryCode
      ? db
          .selectFrom('crime_categories')
          .select('code')
          .where('code', '=', refs.crimeCategoryCode)
          .executeTakeFirst()
      : null,
    refs.incidentProvinceCode
      ? db
          .selectFrom('provinces')
          .select('code')
          .where('code', '=', refs.incidentProvinceCode)
          .executeTakeFirst()
      : null,
    refs.incidentCountyCode
      ? db
          .selectFrom('counties')
          .select(['code', 'province_code'])
          .where('code', '=', refs.incidentCountyCode)
          .executeTakeFirst()
      : null,
  ]);
  if (refs.crimeCategoryCode && !category)
    issues.push({ path: 'body.crimeCategoryCode', code: 'reference.unknown' });
  if (refs.incidentProvinceCode && !province)
    issues.push({ path: 'body.incidentProvinceCode', code: 'reference.unknown' });
  if (refs.incidentCountyCode && !county)
    issues.push({ path: 'body.incidentCountyCode', code: 'reference.unknown' });
  if (county && refs.incidentProvinceCode && county.province_code !== refs.incidentProvinceCode) {
    issues.push({ path: 'body.incidentCountyCode', code: 'reference.county_not_in_province' });
  }
  if (issues.length > 0) throw new AppError('request.invalid', { issues });
}
