import type { FigureMeasure } from '../../../domain/figures/figure-cases.schema.js';
import type { OfficeFigures, StationFigures } from '../../../domain/figures/figures.schema.js';
import type { Locale } from '../../i18n/i18n.js';

/** How a figure is shown: a count, a median duration in hours, or a share. */
export type FigureKind = 'count' | 'hours' | 'percent';

/** One column of the figures: which figure, how it is shown, and whether a value above zero is an alarm. */
export interface FigureColumn<F> {
  key: string;
  kind: FigureKind;
  value: (figures: F) => number | null;
  alarm?: boolean;
  /** The list behind the figure (drill-down): what it counted, or what a median or a rate is taken over. */
  measure: FigureMeasure;
}

const answered = (f: { registered: number; returned: number; rejected: number }) =>
  f.registered + f.returned + f.rejected;

/** The share of answered files that came back for completion: how often a file was not right the first time. */
export const returnRate = (f: { registered: number; returned: number; rejected: number }): number | null =>
  answered(f) === 0 ? null : f.returned / answered(f);

const count = <F>(key: keyof F & FigureMeasure, alarm = false): FigureColumn<F> => ({
  key,
  kind: 'count',
  value: (f) => f[key] as number,
  alarm,
  measure: key,
});
const hours = <F>(key: keyof F & string, measure: FigureMeasure): FigureColumn<F> => ({
  key,
  kind: 'hours',
  value: (f) => f[key] as number | null,
  measure,
});

/** A police unit's columns, in the order a file goes: opened, sent, answered; then custody and orders. */
export const policeColumns: FigureColumn<StationFigures>[] = [
  count('opened'),
  count('sent'),
  hours('medianHoursToSend', 'sent'),
  count('registered'),
  count('returned'),
  count('rejected'),
  { key: 'returnRate', kind: 'percent', value: returnRate, measure: 'answered' },
  hours('medianHoursToAnswer', 'answered'),
  count('inCustodyNow'),
  count('custodyOverLimit', true),
  count('ordersReceived'),
  count('ordersOverdue', true),
  count('escortsRequested'),
  count('escortsDone'),
  count('escortsLate', true),
];

/** A prosecutor's office's columns per sending station. */
export const officeColumns: FigureColumn<OfficeFigures>[] = [
  count('received'),
  count('registered'),
  count('returned'),
  count('rejected'),
  { key: 'returnRate', kind: 'percent', value: returnRate, measure: 'decided' },
  hours('medianHoursToDecide', 'decided'),
  count('awaitingDecision'),
  count('ordersIssued'),
  count('ordersOverdue', true),
];

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale === 'fa' ? 'fa-IR' : 'en-GB', options);
    numberFormats.set(key, format);
  }
  return format;
}

/** What formatting a figure needs of the UI language. */
export interface Translator {
  locale: Locale;
  t: (key: string, params?: Record<string, string | number>) => string;
}

/** A median duration given in hours, in the unit that reads best: minutes under an hour, days from two days. */
function formatDuration(i18n: Translator, hours: number): string {
  const [unit, amount] =
    hours < 1
      ? (['minutes', Math.round(hours * 60)] as const)
      : hours < 48
        ? (['hours', hours] as const)
        : (['days', hours / 24] as const);
  const n = numberFormat(i18n.locale, { maximumFractionDigits: 1 }).format(amount);
  return i18n.t(`figures.duration.${unit}`, { n });
}

/**
 * A figure in the UI language's digits and separators (۱٬۲۳۴ · ۲٫۵ ساعت · ۳۳٪); null (nothing to measure in
 * the period) as a dash.
 */
export function formatFigure(i18n: Translator, kind: FigureKind, value: number | null): string {
  if (value === null) return '—';
  if (kind === 'hours') return formatDuration(i18n, value);
  if (kind === 'percent')
    return numberFormat(i18n.locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
  return numberFormat(i18n.locale, {}).format(value);
}
