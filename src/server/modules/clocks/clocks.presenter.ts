import type { Breach, ExchangeWait, LegalClock } from '../../../domain/clocks/clocks.schema.js';
import { can, type Actor } from '../../../domain/permissions.js';
import type { ClockRow } from '../../db/schema.js';
import type { BreachRow } from './clocks.repository.js';

const iso = (at: Date | string) => new Date(at).toISOString();

/** A clock row → the API's shape. */
export function presentClock(row: ClockRow): LegalClock {
  return {
    id: row.id,
    kind: row.kind,
    legalBasis: row.legal_basis,
    startedAt: iso(row.started_at),
    dueAt: iso(row.due_at),
    state: row.state,
    stopReason: row.stop_reason,
  };
}

/** A breach row (with the responsible user's name and the annotations) → the API's shape, for this actor. */
export function presentBreach(row: BreachRow, actor: Actor): Breach {
  return {
    id: row.id,
    clockId: row.clock_id,
    kind: row.kind as Breach['kind'],
    legalBasis: row.legal_basis,
    orgId: row.org_id,
    caseId: row.case_id,
    caseRef: row.case_ref,
    dueAt: iso(row.due_at),
    detectedAt: iso(row.detected_at),
    late: row.late,
    responsibleUserId: row.responsible_user_id,
    responsibleName: row.responsible_name,
    exchangeWaiting: row.exchange_waiting as ExchangeWait[],
    annotations: row.annotations.map((a) => ({
      id: a.id,
      note: a.note,
      annotatedBy: a.annotated_by,
      annotatedByName: a.annotated_by_name,
      annotatedAt: iso(a.annotated_at),
    })),
    allowed: {
      annotate: can(actor, 'breach.annotate', { orgId: row.org_id, notFound: 'clocks.breach_not_found' }),
    },
  };
}
