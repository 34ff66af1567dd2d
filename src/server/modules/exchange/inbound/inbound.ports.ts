import type { Db, Tx } from '../../../db/client.js';
import type { BlobStore } from '../../../platform/blob-store/blob-store.js';
import type { Signer } from '../trust/node-keys.usecase.js';
import type { TrustedKeys } from '../trust/trusted-keys.repository.js';
import type { MessageHandlers } from './message-handlers.ports.js';
import type { RefusalLimiter } from './refusal-limiter.rules.js';

/** Reasons a message is refused for good (kept as evidence); each is also an i18n key under `errors.` */
export type RefusalReason =
  | 'signature.malformed'
  | 'signature.invalid'
  | 'signature.unknown_key'
  | 'signature.revoked_key'
  | 'signature.wrong_node'
  | 'message.malformed'
  | 'message.not_canonical'
  | 'message.invalid_body'
  | 'message.wrong_recipient'
  | 'message.id_conflict'
  | 'thread.broken'
  | 'documents.hash_mismatch';

/** The receiver's answer to one delivery attempt. */
export type ReceiveOutcome =
  | { outcome: 'accepted' | 'duplicate'; receiptJws: string }
  | { outcome: 'refused'; reason: RefusalReason }
  /**
   * Refused, and its source address or claimed sender has left too many refusals this minute: nothing
   * was recorded; try again after `retryAfterSeconds`.
   */
  | { outcome: 'throttled'; reason: RefusalReason; retryAfterSeconds: number }
  /** Not accepted *yet*: the sender should send what is missing (or the earlier messages) and try again. */
  | { outcome: 'incomplete'; reason: 'documents.missing' | 'thread.gap'; missing?: string[] };

/** What the receiver tells `onAccepted`, inside its transaction, of a message it accepts. */
export interface AcceptedMessage {
  caseRef: string;
  receiptJws: string;
  at: Date;
}

/** What receiving needs: the database, the blobs, the node's signer, the trusted keys, the handlers, the time. */
export interface ReceiveDeps {
  db: Db;
  blobs: BlobStore;
  signer: Signer;
  /** The trust store's keys, each read once. */
  keys: TrustedKeys;
  handlers: MessageHandlers;
  now: () => Date;
}

/**
 * Where a message came from over HTTP — the source address — and the limiter its refusals count
 * against. The local transport has none: its messages are this node's own.
 */
export interface InboundSource {
  address: string;
  limiter: RefusalLimiter;
}

/** Told, inside the transaction that accepts a message, of its receipt. */
export type OnAccepted = (tx: Tx, accepted: AcceptedMessage) => Promise<void>;
