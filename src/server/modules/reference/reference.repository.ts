import type { DbOrTx, Tx } from '../../db/client.js';

/** Iran's provinces, by code. */
export function listProvinces(db: DbOrTx) {
  return db.selectFrom('provinces').selectAll().orderBy('code').execute();
}

/** The counties, by code. */
export function listCounties(db: DbOrTx) {
  return db.selectFrom('counties').selectAll().orderBy('code').execute();
}

/** The crime categories, in their order. */
export function listCrimeCategories(db: DbOrTx) {
  return db.selectFrom('crime_categories').selectAll().orderBy('sort_order').execute();
}

/** Which of these reference codes exist, and the province of the county (null: no such county). */
export async function findReferenceCodes(
  db: DbOrTx,
  codes: { crimeCategoryCode?: string | null; provinceCode?: string | null; countyCode?: string | null },
): Promise<{ crimeCategory: boolean; province: boolean; countyProvinceCode: string | null }> {
  const [category, province, county] = await Promise.all([
    codes.crimeCategoryCode
      ? db
          .selectFrom('crime_categories')
          .select('code')
          .where('code', '=', codes.crimeCategoryCode)
          .executeTakeFirst()
      : null,
    codes.provinceCode
      ? db.selectFrom('provinces').select('code').where('code', '=', codes.provinceCode).executeTakeFirst()
      : null,
    codes.countyCode
      ? db
          .selectFrom('counties')
          .select('province_code')
          .where('code', '=', codes.countyCode)
          .executeTakeFirst()
      : null,
  ]);
  return {
    crimeCategory: !!category,
    province: !!province,
    countyProvinceCode: county?.province_code ?? null,
  };
}

/** Adds a county under its province unless its code is known already. */
export async function insertCountyIfNew(
  tx: Tx,
  county: { code: string; provinceCode: string; nameFa: string; nameEn: string },
): Promise<void> {
  await tx
    .insertInto('counties')
    .values({
      code: county.code,
      province_code: county.provinceCode,
      name_fa: county.nameFa,
      name_en: county.nameEn,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}
