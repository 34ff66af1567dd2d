import type { Tx } from '../../db/client.js';

/** Appends an event to a case's timeline (in the transaction of the change it describes). */
export async function recordCaseEvent(
  tx: Tx,
  event: {
    caseId: string;
    orgId: string;
    at: Date;
    actorUserId: string | null;
    type: string;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await tx
    .insertInto('case_events')
    .values({
      case_id: event.caseId,
      org_id: event.orgId,
      at: event.at,
      actor_user_id: event.actorUserId,
      type: event.type,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}
