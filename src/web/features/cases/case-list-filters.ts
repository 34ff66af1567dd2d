import { caseQueues, type CaseQueue } from '../../../domain/cases/case.schema.js';
import { caseStatuses } from '../../../domain/submission/case-status.js';
import { jalaliDayPeriod } from '../../components/jalali-day.js';

/**
 * The case list's filters as the URL keeps them (`#/cases?queue=awaiting_approval&fromDay=1405/09/01`): Jalali
 * days, not instants, so that a link says what it shows; values the list does not know are dropped.
 */
export interface CaseListFilter {
  q?: string | undefined;
  queue?: CaseQueue | undefined;
  status?: string | undefined;
  crimeCategory?: string | undefined;
  fromDay?: string | undefined;
  toDay?: string | undefined;
  /** `'true'`: only the cases the signed-in user opened. */
  mine?: string | undefined;
  sort?: 'newest' | 'oldest' | undefined;
}

const KEYS = ['q', 'queue', 'status', 'crimeCategory', 'fromDay', 'toDay', 'mine', 'sort'] as const;

const allowedValues: Partial<Record<(typeof KEYS)[number], readonly string[]>> = {
  queue: caseQueues,
  status: caseStatuses,
  mine: ['true'],
  sort: ['newest', 'oldest'],
};

/** The filters read from the route's query. */
export function caseFilterFromQuery(query: URLSearchParams): CaseListFilter {
  const filter: Record<string, string> = {};
  for (const key of KEYS) {
    const value = query.get(key)?.trim();
    if (!value) continue;
    const allowed = allowedValues[key];
    if (!allowed || allowed.includes(value)) filter[key] = value;
  }
  return filter;
}

/** The filters as the route's query params. */
export function caseFilterToQuery(filter: CaseListFilter): Record<string, string | undefined> {
  return Object.fromEntries(KEYS.map((k) => [k, filter[k]]));
}

/** The API's query for these filters (`officer` is the signed-in user when `mine`). */
export function caseListApiParams(filter: CaseListFilter, userId: string | undefined) {
  const { from, to } = jalaliDayPeriod(filter.fromDay, filter.toDay);
  return {
    q: filter.q ?? '',
    queue: filter.queue,
    status: filter.status,
    crimeCategory: filter.crimeCategory,
    from,
    to,
    officer: filter.mine === 'true' ? userId : undefined,
    sort: filter.sort,
  };
}
