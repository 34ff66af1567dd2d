import type { Tx } from '../../db/client.js';
import type { CaseRow } from '../../db/schema.js';
import type { InboundMessage } from '../exchange/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The station's case a message from its office is about (the thread's `caseRef` is the case id the
 * station sent), locked for the transaction; null if the addressed station has no such case.
 */
export async function findCaseOfMessage(
  tx: Tx,
  message: Pick<InboundMessage, 'envelope' | 'recipient'>,
): Promise<CaseRow | null> {
  const caseRef = message.envelope.caseRef;
  if (!UUID.test(caseRef)) return null;
  const row = await tx
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', caseRef)
    .where('org_id', '=', message.recipient.id)
    .forUpdate()
    .executeTakeFirst();
  return row ?? null;
}
