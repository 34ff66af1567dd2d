import { formatJalaliDate, formatJalaliDateTime, TEHRAN } from '../../domain/jalali.js';
import { useI18n, type Locale } from '../i18n/i18n.js';

const enDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: TEHRAN,
  year: 'numeric',
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const enDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: TEHRAN,
  year: 'numeric',
  month: 'short',
  day: '2-digit',
});

/** Formats an instant for the UI: Jalali with Persian digits in `fa`, Gregorian with Latin digits in `en`; Tehran time. */
export function formatInstant(locale: Locale, at: Date, mode: 'datetime' | 'date' = 'datetime'): string {
  // Some ICU builds (Chromium's) join date and time with a Latin comma; Persian writes «،».
  if (locale === 'fa')
    return mode === 'date' ? formatJalaliDate(at) : formatJalaliDateTime(at).replace(',', '،');
  return mode === 'date' ? enDate.format(at) : enDateTime.format(at);
}

export interface JalaliTimeProps {
  /** UTC ISO instant; nothing is shown when null. */
  at: string | null | undefined;
  mode?: 'datetime' | 'date';
}

/** An instant shown in Tehran time, in the calendar and digits of the UI language. */
export function JalaliTime({ at, mode = 'datetime' }: JalaliTimeProps) {
  const { locale } = useI18n();
  if (!at) return null;
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return null;
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()}>
      {formatInstant(locale, date, mode)}
    </time>
  );
}
