import type { MessageDocument } from '../../../../domain/messages/envelope.js';

/** One message as the delivery worker hands it to a transport. */
export interface Delivery {
  id: string;
  jws: string;
  toNode: string;
  documents: MessageDocument[];
}

/** A failed delivery attempt: `retryable` failures are tried again later; the others need a person. */
export class DeliveryError extends Error {
  constructor(
    readonly code: string,
    readonly retryable: boolean,
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'DeliveryError';
  }
}

/**
 * What a transport brings back: the receiver's signed receipt. `recorded`: the sender's side of the
 * delivery (`recordDelivery`) was already written in the receiver's transaction — the local
 * transport does so, both sides sharing one database.
 */
export interface Delivered {
  receiptJws: string;
  recorded?: boolean;
}

/**
 * Carries a signed message (and its documents) to the receiving node and brings back its signed
 * delivery receipt, or throws a `DeliveryError`. `local` calls this node's own receiver; `http`
 * posts to a peer. Everything else — signing, the outbox, verification, receipts — is the same path.
 */
export interface Transport {
  deliver(delivery: Delivery): Promise<Delivered>;
  /**
   * Several messages of distinct threads at once, when the transport does better than one by one
   * (the local one accepts them in one transaction); each succeeds or fails on its own, in order.
   */
  deliverMany?(deliveries: Delivery[]): Promise<(Delivered | DeliveryError)[]>;
  /**
   * How many lanes (claimed batches) to one peer may be on their way at once; unset: the delivery policy's
   * `maxLanesPerPeer`. The local transport says 1: its batches are one transaction each on this node's own
   * CPU, so a batch that waits for the one before carries more and costs less; a link with latency wants
   * several.
   */
  readonly maxLanes?: number;
}
