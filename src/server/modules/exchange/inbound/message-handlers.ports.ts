import type { MessageBody } from '../../../../domain/messages/bodies.js';
import type { MessageEnvelope, MessageType } from '../../../../domain/messages/envelope.js';
import type { Tx } from '../../../db/client.js';
import type { OrganisationRow } from '../../../db/schema.js';
import type { Signer } from '../trust/node-keys.usecase.js';

/** What a handler of an accepted message gets: the transaction the message is stored in, and what it says. */
export interface InboundMessage<T extends MessageType = MessageType> {
  tx: Tx;
  // Not `MessageEnvelope & …`: its body is any JSON value, and an array's methods (`at`) would mix into the typed body.
  envelope: Omit<MessageEnvelope, 'type' | 'body'> & { type: T; body: MessageBody<T> };
  sha256: string;
  /** The organisation of this node the message is addressed to. */
  recipient: OrganisationRow;
  now: Date;
  /** For handlers that answer at once (e.g. a rejection for wrong jurisdiction) through the outbox. */
  signer: Signer;
}

/**
 * The business effect of an accepted message, run in the same transaction that stores it: if the
 * handler fails, the message is not accepted (and the sender retries). A handler must not refuse a
 * message for business reasons: it records them and answers with a message of its own.
 */
export type MessageHandler<T extends MessageType = MessageType> = (
  message: InboundMessage<T>,
) => Promise<void>;

export type MessageHandlers = { [T in MessageType]?: MessageHandler<T> };
