import type { Tx } from '../../../db/client.js';
import { writeBehind } from '../../../db/write-behind.js';
import { appendEvidence } from '../delivery-evidence/evidence-log.repository.js';

/**
 * The sender's side of a delivery, in the caller's transaction: the message is delivered (with the
 * receiver's signed receipt and time), leaves the outbox, and the receipt joins the evidence log.
 * The worker calls it in a transaction of its own; the local transport, in the receiver's.
 */
export async function recordDelivery(
  tx: Tx,
  input: { messageId: string; caseRef: string; receiptJws: string; receivedAt: Date; now: Date },
): Promise<void> {
  // Delivered, and out of the outbox, in one statement (a data-modifying CTE), written behind.
  await writeBehind(
    tx,
    tx
      .with('delivered', (db) =>
        db
          .updateTable('messages')
          .set({ status: 'delivered', receipt_jws: input.receiptJws, receipt_at: input.receivedAt })
          .where('direction', '=', 'out')
          .where('id', '=', input.messageId)
          .returning('id'),
      )
      .deleteFrom('outbox')
      .where('message_id', 'in', (eb) => eb.selectFrom('delivered').select('id')),
  );
  await appendEvidence(tx, {
    kind: 'receipt.received',
    ref: input.messageId,
    caseRef: input.caseRef,
    entry: input.receiptJws,
    at: input.now,
  });
}
