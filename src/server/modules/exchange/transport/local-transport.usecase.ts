import { recordDelivery } from '../outbound/delivery-records.repository.js';
import type { OnAccepted, ReceiveDeps, ReceiveOutcome } from '../inbound/inbound.ports.js';
import { receiveMessage, receiveMessages } from '../inbound/receive-message.usecase.js';
import { DeliveryError, type Delivered, type Delivery, type Transport } from './transport.ports.js';

/** The sender's record of the receipt, written in the receiver's transaction. */
const recordIn =
  (delivery: Delivery): OnAccepted =>
  (tx, accepted) =>
    recordDelivery(tx, {
      messageId: delivery.id,
      caseRef: accepted.caseRef,
      receiptJws: accepted.receiptJws,
      receivedAt: accepted.at,
      now: accepted.at,
    });

function deliveredOrError(result: ReceiveOutcome): Delivered | DeliveryError {
  if ('receiptJws' in result)
    return { receiptJws: result.receiptJws, recorded: result.outcome === 'accepted' };
  return new DeliveryError(result.reason, result.outcome !== 'refused');
}

/**
 * Delivery between two organisations of this node: the documents are already in this node's store,
 * and the message goes through the very receiver a peer's HTTP request would reach. Both sides
 * share one database, so the sender's record of the receipt is written in the receiver's
 * transaction: accepted and delivered commit together, or neither does. Several messages are
 * accepted in one transaction (`receiveMessages`).
 */
export function createLocalTransport(receiver: ReceiveDeps): Transport {
  return {
    maxLanes: 1,
    async deliver(delivery) {
      const result = deliveredOrError(
        await receiveMessage(receiver, delivery.jws, { onAccepted: recordIn(delivery) }),
      );
      if (result instanceof DeliveryError) throw result;
      return result;
    },
    async deliverMany(deliveries) {
      const outcomes = await receiveMessages(
        receiver,
        deliveries.map((delivery) => ({ jws: delivery.jws, onAccepted: recordIn(delivery) })),
      );
      return outcomes.map(deliveredOrError);
    },
  };
}
