import { jalaliParts } from '../../../domain/jalali.js';
import { orderStates, type OrderState } from '../../../domain/orders/orders.schema.js';
import { toLatinDigits } from '../../../domain/persian-text.js';
import { jalaliToInstant } from '../../components/jalali-calendar.js';
import { jalaliDayStart } from '../../components/jalali-day.js';
import type { OrderListParams } from './api.js';

/** Due by: the end of today (Tehran), three days or a week from now. */
export const duePresets = ['today', 'd3', 'w1'] as const;
export type DuePreset = (typeof duePresets)[number];

/**
 * The orders page's filters as the URL keeps them: a state (`all`, or one the API knows; `active` when
 * none is given), the case's number as typed, the other side's code, and the due date — a preset or one
 * Jalali day (`1404/09/15`, any digits).
 */
export interface OrdersScreenFilter {
  state: OrderState | 'all';
  caseNumber?: string | undefined;
  counterpart?: string | undefined;
  due?: DuePreset | undefined;
  dueDay?: string | undefined;
}

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;

/** The filters read from the route's query (unknown values dropped). */
export function orderFilterFromQuery(query: URLSearchParams): OrdersScreenFilter {
  const text = (key: string) => query.get(key)?.trim() || undefined;
  return {
    state: oneOf([...orderStates, 'all'] as const, query.get('state')) ?? 'active',
    caseNumber: text('caseNumber'),
    counterpart: text('counterpart'),
    due: oneOf(duePresets, query.get('due')),
    dueDay: text('dueDay'),
  };
}

/** The filters as the route's query params (the default state left out). */
export function orderFilterToQuery(filter: OrdersScreenFilter): Record<string, string | undefined> {
  return {
    state: filter.state === 'active' ? undefined : filter.state,
    caseNumber: filter.caseNumber,
    counterpart: filter.counterpart,
    due: filter.due,
    dueDay: filter.dueDay,
  };
}

/** The end of a due preset: tonight's midnight in Tehran, or 3 or 7 days from now. */
function dueBy(preset: DuePreset, now: Date): Date {
  if (preset === 'today') {
    const p = jalaliParts(now);
    const midnight = jalaliToInstant({ year: p.year, month: p.month, day: p.day, hour: 0, minute: 0 });
    return new Date((midnight?.getTime() ?? now.getTime()) + 86_400_000);
  }
  return new Date(now.getTime() + (preset === 'd3' ? 3 : 7) * 86_400_000);
}

/**
 * The API's query: the state (none for `all`), the case number in Latin digits, and the due date as
 * instants — `[start, end)` of the Jalali day, or up to the preset's end.
 */
export function orderListParams(filter: OrdersScreenFilter, now: Date): OrderListParams {
  const dayFrom = filter.dueDay ? jalaliDayStart(filter.dueDay) : null;
  const dayTo = filter.dueDay ? jalaliDayStart(filter.dueDay, 1) : null;
  const presetTo = filter.due ? dueBy(filter.due, now) : null;
  return {
    state: filter.state === 'all' ? undefined : filter.state,
    caseNumber: filter.caseNumber ? toLatinDigits(filter.caseNumber) : undefined,
    counterpart: filter.counterpart,
    dueFrom: dayFrom?.toISOString(),
    dueTo: (dayTo ?? presetTo)?.toISOString(),
  };
}
