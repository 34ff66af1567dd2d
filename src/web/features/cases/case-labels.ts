import type { I18n } from '../../i18n/i18n.js';

/** A label for an open-ended code (status, timeline event, readiness item): its key, or the fallback with the code. */
export function codeLabel(i18n: Pick<I18n, 't' | 'has'>, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return i18n.has(key) ? i18n.t(key) : i18n.t(`${prefix}.unknown`, { code });
}

/** Names joined the way the language joins a list (`، ` in Persian). */
export function joinNames(names: string[], locale: 'fa' | 'en'): string {
  return names.join(locale === 'fa' ? '، ' : ', ');
}
