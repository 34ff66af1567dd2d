import type { ReferenceItem } from '../../../domain/reference.schema.js';
import type { Locale } from '../../i18n/i18n.js';

/** The name of a reference item (crime category, province, county) in the UI language; the code if unknown. */
export function referenceName(
  items: ReferenceItem[] | undefined,
  code: string | null | undefined,
  locale: Locale,
): string {
  if (!code) return '';
  const item = items?.find((i) => i.code === code);
  if (!item) return code;
  return locale === 'fa' ? item.nameFa : item.nameEn;
}

/** antd Select options from a reference list. */
export function referenceOptions(items: ReferenceItem[] | undefined, locale: Locale) {
  return (items ?? []).map((i) => ({ value: i.code, label: locale === 'fa' ? i.nameFa : i.nameEn }));
}
