import { receiveMessage, type ReceiveDeps } from './receive-message.js';
import { DeliveryError, type Delivery, type Transport } from './transport.js';

/**
 * Delivery between two organisations of this node: the documents are already in this node's store,
 * and the message goes through the very receiver a peer's HTTP request would reach.
 */
export function createLocalTransport(receiver: ReceiveDeps): Transport {
  return {
    async deliver(delivery: Delivery) {
      const result = await receiveMessage(receiver, delivery.jws);
      if ('receiptJws' in result) return { receiptJws: result.receiptJws };
      throw new DeliveryError(result.reason, result.outcome === 'incomplete');
    },
  };
}
