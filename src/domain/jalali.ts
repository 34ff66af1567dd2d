/**
 * Jalali (Solar Hijri) dates in Asia/Tehran, computed with `Intl` (ICU's persian calendar),
 * so that server and browser agree. Instants are stored in UTC; these functions only present them.
 */
export const TEHRAN = 'Asia/Tehran';

export interface JalaliParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const partsFormatter = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', {
  timeZone: TEHRAN,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

/** The Jalali calendar parts of an instant, in Tehran time. */
export function jalaliParts(at: Date): JalaliParts {
  const parts: Record<string, number> = {};
  for (const p of partsFormatter.formatToParts(at)) {
    // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: equivalent — a literal or era part parsed too is a key nothing reads
    if (p.type !== 'literal' && p.type !== 'era') parts[p.type] = Number.parseInt(p.value, 10);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
  };
}

/** The Jalali year of an instant in Tehran (case numbers restart each Jalali year). */
export function jalaliYear(at: Date): number {
  return jalaliParts(at).year;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `1405/09/08 02:45` with Latin digits — for logs, CLI, and as a machine-readable local time. */
export function formatJalaliLatin(at: Date): string {
  const p = jalaliParts(at);
  return `${p.year}/${pad(p.month)}/${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

const faDateTime = new Intl.DateTimeFormat('fa-IR-u-ca-persian-nu-arabext', {
  timeZone: TEHRAN,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const faDate = new Intl.DateTimeFormat('fa-IR-u-ca-persian-nu-arabext', {
  timeZone: TEHRAN,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});

/** `۱۴۰۵/۰۹/۰۸، ۰۲:۴۵` — Jalali date and time in Tehran with Persian digits, for the UI. */
export function formatJalaliDateTime(at: Date): string {
  return faDateTime.format(at);
}

/** `۸ آذر ۱۴۰۵` — long Jalali date in Tehran with Persian digits. */
export function formatJalaliDate(at: Date): string {
  return faDate.format(at);
}
