import { escortActions } from '../../../domain/escorts/escort-actions.js';
import type { Escort } from '../../../domain/escorts/escorts.schema.js';
import type { Actor } from '../../../domain/permissions.js';
import type { EscortRow } from '../../db/schema.js';
import { escortStateOf } from './escort.ports.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Is an escort past its time with the person not picked up yet, at `now`? */
export function isLate(row: Pick<EscortRow, 'status' | 'scheduled_at'>, now: Date): boolean {
  return (
    (row.status === 'requested' || row.status === 'assigned') && row.scheduled_at.getTime() < now.getTime()
  );
}

/**
 * One side's row of an escort as the API shows it, read at `now`, with what `actor` may do to it now and
 * the other side's name if known.
 */
export function presentEscort(
  row: EscortRow,
  read: { now: Date; actor: Actor; counterpartName: string | null },
): Escort {
  const { now, counterpartName } = read;
  return {
    escortId: row.escort_id,
    side: row.side,
    caseRef: row.case_ref,
    caseId: row.case_id,
    caseNumber: row.case_number,
    counterpart: row.peer_org,
    counterpartName,
    person: row.person,
    inCustodySince: iso(row.in_custody_since),
    destination: row.destination,
    place: row.place,
    scheduledAt: row.scheduled_at.toISOString(),
    reason: row.reason,
    orderId: row.order_id,
    status: row.status,
    late: isLate(row, now),
    requestedBy: row.requested_by,
    requestedAt: row.requested_at.toISOString(),
    officers: row.officers,
    vehicle: row.vehicle,
    assignedAt: iso(row.assigned_at),
    pickedUpAt: iso(row.picked_up_at),
    pickedUpFrom: row.picked_up_from,
    deliveredAt: iso(row.delivered_at),
    deliveredTo: row.delivered_to,
    cancelledAt: iso(row.cancelled_at),
    cancelReason: row.cancel_reason,
    allowed: escortActions(read.actor, escortStateOf(row)),
  };
}
