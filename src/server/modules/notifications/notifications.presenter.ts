import type { AppNotification } from '../../../domain/notifications.schema.js';
import type { NotificationRow } from '../../db/schema.js';

/** A notification row → the API's shape. */
export function presentNotification(row: NotificationRow): AppNotification {
  return {
    id: row.id,
    seq: Number(row.seq),
    kind: row.kind,
    clockId: row.clock_id,
    caseId: row.case_id,
    details: row.details,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}
