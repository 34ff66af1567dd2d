import { sql } from 'kysely';
import type { DbOrTx } from '../client.js';
import { crimeCategories } from './crime-categories.js';
import { officialHolidays } from './official-holidays.js';
import { provinces } from './provinces.js';

/**
 * Writes the reference data shipped with the code (provinces, crime categories, official holidays); safe to
 * run at every start.
 */
export async function seedReference(db: DbOrTx): Promise<void> {
  await db
    .insertInto('provinces')
    .values(provinces.map((p) => ({ code: p.code, name_fa: p.nameFa, name_en: p.nameEn })))
    .onConflict((oc) =>
      oc
        .column('code')
        .doUpdateSet((eb) => ({ name_fa: eb.ref('excluded.name_fa'), name_en: eb.ref('excluded.name_en') })),
    )
    .execute();
  await db
    .insertInto('crime_categories')
    .values(
      crimeCategories.map((c, i) => ({ code: c.code, name_fa: c.nameFa, name_en: c.nameEn, sort_order: i })),
    )
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name_fa: eb.ref('excluded.name_fa'),
        name_en: eb.ref('excluded.name_en'),
        sort_order: eb.ref('excluded.sort_order'),
      })),
    )
    .execute();
  // The holidays table is the file's: a date corrected in the file replaces the old one.
  const holidayKey = (date: string, nameEn: string) => `${date}|${nameEn}`;
  await db
    .deleteFrom('official_holidays')
    .where(
      sql<string>`jalali_date || '|' || name_en`,
      'not in',
      officialHolidays.map((h) => holidayKey(h.date, h.nameEn)),
    )
    .execute();
  await db
    .insertInto('official_holidays')
    .values(
      officialHolidays.map((h) => ({
        jalali_date: h.date,
        name_fa: h.nameFa,
        name_en: h.nameEn,
        calendar: h.calendar,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['jalali_date', 'name_en']).doUpdateSet((eb) => ({ name_fa: eb.ref('excluded.name_fa') })),
    )
    .execute();
}
