import type { DbOrTx } from '../../../db/client.js';
import { openMessage } from '../../../platform/crypto/message-signing.js';
import { peekKid } from '../../../platform/crypto/signing.js';
import { verifyReceipt } from './receipts.policy.js';
import { findVerificationKey } from '../trust/trust.repository.js';

/** A stored message's signature, checked again now against the trust store. */
export type SignatureCheck = 'valid' | 'invalid' | 'unknown_key' | 'revoked_key';

/**
 * Re-verifies a stored message's JWS now: its key must be in the trust store, not revoked, belong to the
 * sending node, and the signature must hold over the canonical bytes. A key revoked since the message was
 * accepted shows as `revoked_key` — the message stays as evidence, but nobody should rely on it unchecked.
 */
export async function recheckSignature(db: DbOrTx, jws: string): Promise<SignatureCheck> {
  const kid = peekKid(jws);
  const key = kid ? await findVerificationKey(db, kid) : null;
  if (!key) return 'unknown_key';
  if (key.revoked) return 'revoked_key';
  const opened = openMessage({ jws, resolveKey: (k) => (k === key.kid ? key.publicKey : null) });
  return opened.ok && opened.envelope.from.node === key.nodeId ? 'valid' : 'invalid';
}

/**
 * The hashes of the documents a received message's signed delivery receipt says were re-hashed and
 * verified on arrival; empty if there is no receipt or it does not verify for this message.
 */
export async function findVerifiedDocuments(
  db: DbOrTx,
  message: { id: string; sha256: string; to_node: string; receipt_jws: string | null },
): Promise<string[]> {
  if (!message.receipt_jws) return [];
  const checked = await verifyReceipt(db, {
    receiptJws: message.receipt_jws,
    messageId: message.id,
    messageSha256: message.sha256,
    toNode: message.to_node,
  });
  return checked.ok ? checked.receipt.documentsVerified : [];
}

/** What the thread check needs of a message. */
export interface ThreadedMessage {
  id: string;
  direction: string;
  from_org: string;
  to_org: string;
  case_ref: string;
  seq: number;
  prev_hash: string | null;
  sha256: string;
}

/**
 * For each message, whether it is linked to its thread as the protocol says: the first (seq 1) has no
 * `prev`, every later one names the hash of the message before it in the same thread (same direction,
 * sender, receiver and case). A message whose predecessor is not among `messages` is not ok.
 */
export function checkThreadLinks(messages: readonly ThreadedMessage[]): Map<string, boolean> {
  const key = (m: ThreadedMessage, seq: number) =>
    `${m.direction}|${m.from_org}|${m.to_org}|${m.case_ref}|${seq}`;
  const bySeat = new Map(messages.map((m) => [key(m, m.seq), m]));
  return new Map(
    messages.map((m) => {
      if (m.seq === 1) return [m.id, m.prev_hash === null];
      const prev = bySeat.get(key(m, m.seq - 1));
      return [m.id, prev !== undefined && m.prev_hash === prev.sha256];
    }),
  );
}
