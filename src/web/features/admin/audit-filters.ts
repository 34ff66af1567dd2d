import type { AuditLogFilter } from '../../../domain/audit.schema.js';
import { auditActions, type AuditAction } from '../../../domain/audit-actions.js';
import { jalaliDayPeriod } from '../../components/jalali-day.js';

export { isJalaliDay, parseJalaliDay } from '../../components/jalali-day.js';

/** The audit screen's filters as the URL keeps them: Jalali days (`1405/09/15`, any digits), not instants. */
export interface AuditScreenFilter {
  actorUserId?: string | undefined;
  orgId?: string | undefined;
  action?: AuditAction | undefined;
  caseNumber?: string | undefined;
  fromDay?: string | undefined;
  toDay?: string | undefined;
}

const KEYS = ['actorUserId', 'orgId', 'action', 'caseNumber', 'fromDay', 'toDay'] as const;

/** The filters read from the route's query (unknown actions dropped). */
export function filterFromQuery(query: URLSearchParams): AuditScreenFilter {
  const filter: AuditScreenFilter = {};
  for (const key of KEYS) {
    const value = query.get(key)?.trim();
    if (!value) continue;
    if (key === 'action') {
      if ((auditActions as readonly string[]).includes(value)) filter.action = value as AuditAction;
    } else filter[key] = value;
  }
  return filter;
}

/** The filters as the route's query params. */
export function filterToQuery(filter: AuditScreenFilter): Record<string, string | undefined> {
  return Object.fromEntries(KEYS.map((k) => [k, filter[k]]));
}

/**
 * The API's filter: the Jalali days become instants, the start of `fromDay` and the end of `toDay` (the
 * start of the next day; Iran keeps no summer time since 2022, so a day is 24 hours).
 */
export function apiFilter(filter: AuditScreenFilter): AuditLogFilter {
  const { from, to } = jalaliDayPeriod(filter.fromDay, filter.toDay);
  return {
    actorUserId: filter.actorUserId,
    orgId: filter.orgId,
    action: filter.action,
    caseNumber: filter.caseNumber,
    from,
    to,
  };
}
