import { recordDelivery } from './delivery-records.js';
import { receiveMessage, type ReceiveDeps } from './receive-message.js';
import { DeliveryError, type Delivery, type Transport } from './transport.js';

/**
 * Delivery between two organisations of this node: the documents are already in this node's store,
 * and the message goes through the very receiver a peer's HTTP request would reach. Both sides
 * share one database, so the sender's record of the receipt is written in the receiver's
 * transaction: accepted and delivered commit together, or neither does.
 */
export function createLocalTransport(receiver: ReceiveDeps): Transport {
  return {
    async deliver(delivery: Delivery) {
      const result = await receiveMessage(receiver, delivery.jws, {
        onAccepted: (tx, accepted) =>
          recordDelivery(tx, {
            messageId: delivery.id,
            caseRef: accepted.caseRef,
            receiptJws: accepted.receiptJws,
            receivedAt: accepted.at,
            now: accepted.at,
          }),
      });
      if ('receiptJws' in result)
        return { receiptJws: result.receiptJws, recorded: result.outcome === 'accepted' };
      throw new DeliveryError(result.reason, result.outcome === 'incomplete');
    },
  };
}
