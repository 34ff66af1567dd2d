import type { Tx } from '../../db/client.js';
import { writeBehind } from '../../db/write-behind.js';

/** Appends an event to a case's timeline (in the transaction of the change it describes; written behind). */
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
  await writeBehind(
    tx,
    tx.insertInto('case_events').values({
      case_id: event.caseId,
      org_id: event.orgId,
      at: event.at,
      actor_user_id: event.actorUserId,
      type: event.type,
      details: JSON.stringify(event.details ?? {}),
    }),
  );
}
