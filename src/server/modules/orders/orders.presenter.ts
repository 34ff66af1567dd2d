import { orderActions } from '../../../domain/orders/order-actions.js';
import type { Order } from '../../../domain/orders/orders.schema.js';
import type { Actor } from '../../../domain/permissions.js';
import type { OrderKind } from '../../../domain/orders/order-kind.js';
import type { OrderRow } from '../../db/schema.js';
import { orderStateOf } from './order.ports.js';
import { reportDocumentsOf, type OrderLabels } from './orders.repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Is an order past its deadline and not closed, at `now`? */
export function isOverdue(row: Pick<OrderRow, 'status' | 'deadline_at'>, now: Date): boolean {
  return row.status !== 'closed' && row.deadline_at.getTime() < now.getTime();
}

/**
 * One side's row of an order as the API shows it, read at `now`, with what `actor` may do to it now and
 * its labels when they were looked up.
 */
export function presentOrder(
  row: OrderRow,
  read: { now: Date; actor: Actor; labels?: OrderLabels | undefined },
): Order {
  const { now, labels } = read;
  return {
    orderId: row.order_id,
    side: row.side,
    caseRef: row.case_ref,
    caseNumber: labels?.caseNumber ?? null,
    counterpartName: labels?.counterpartName ?? null,
    caseId: row.case_id,
    intakeFileId: row.intake_file_id,
    counterpart: row.peer_org,
    kind: row.kind as OrderKind,
    text: row.text,
    deadlineAt: row.deadline_at.toISOString(),
    issuedBy: row.issued_by,
    issuedAt: row.issued_at.toISOString(),
    status: row.status,
    overdue: isOverdue(row, now),
    acknowledgedAt: iso(row.acknowledged_at),
    reportedAt: iso(row.reported_at),
    report: row.report,
    reportDocuments: reportDocumentsOf(row).map((d) => ({
      sha256: d.sha256,
      name: d.name,
      kind: d.kind,
      mediaType: d.mediaType,
      size: d.size,
    })),
    outcome: row.outcome,
    closeNote: row.close_note,
    closedAt: iso(row.closed_at),
    allowed: orderActions(read.actor, orderStateOf(row)),
  };
}
