import { isAppError } from '../../../domain/errors.js';
import { messageBodySchemas } from '../../../domain/messages/bodies.js';
import type { MessageEnvelope } from '../../../domain/messages/envelope.js';
import type { BlobStore } from '../../platform/blob-store/blob-store.js';
import type { StreamDigest } from '../../platform/crypto/hash.js';
import { openMessage } from '../../platform/crypto/message-signing.js';
import { peekKid } from '../../platform/crypto/signing.js';
import type { ReceiveDeps, ReceiveOutcome, RefusalReason } from './receive-message.js';
import { findVerificationKey } from './trust.repository.js';

/** A message that passed every check that needs no transaction: ready to be accepted. */
export interface CheckedMessage {
  jws: string;
  envelope: MessageEnvelope;
  /** The body as its type's schema parsed it. */
  body: unknown;
  sha256: string;
  canonical: string;
  /** The id of the key it is signed with: the accepting transaction checks it is still unrevoked. */
  kid: string;
}

/** Why a message cannot be accepted (now, or ever), with what to keep of it as evidence. */
export type FailedCheck =
  | { refuse: RefusalReason; envelope?: MessageEnvelope; detail?: string }
  | { incomplete: Extract<ReceiveOutcome, { outcome: 'incomplete' }> };

/** A document in the store, re-hashed byte by byte, or null when it is not there (yet). */
async function rehash(blobs: BlobStore, sha256: string): Promise<StreamDigest | null> {
  return blobs.digest(sha256).catch((error: unknown) => {
    if (isAppError(error, 'documents.not_found')) return null;
    throw error;
  });
}

/** Which documents are not (all there and intact) in the store: each is re-hashed byte by byte. */
async function findUnverifiedDocuments(
  blobs: BlobStore,
  envelope: MessageEnvelope,
): Promise<{ missing: string[]; corrupt: string[] }> {
  const missing: string[] = [];
  const corrupt: string[] = [];
  for (const doc of envelope.documents) {
    const digest = await rehash(blobs, doc.sha256);
    if (!digest) {
      missing.push(doc.sha256);
      continue;
    }
    if (digest.sha256 !== doc.sha256 || digest.size !== doc.size) corrupt.push(doc.sha256);
  }
  return { missing, corrupt };
}

/**
 * Checks a signed message before anything is stored: the signature against the sender node's
 * trusted key; the envelope and the body's schema; that it is addressed to this node; and every
 * byte of its documents, re-hashed from the store. What can change from one message to the next —
 * the key's revocation, the recipient organisation — is checked when it is accepted (`acceptChecked`).
 */
export async function checkInbound(deps: ReceiveDeps, jws: string): Promise<CheckedMessage | FailedCheck> {
  const kid = peekKid(jws);
  if (!kid) return { refuse: 'signature.malformed' };
  const key = await deps.keys.find(kid);
  const opened = openMessage({ jws, resolveKey: (k) => (key && k === key.kid ? key.publicKey : null) });
  if (!opened.ok) return { refuse: opened.reason };
  const { envelope, sha256, canonical } = opened;
  if (!key || key.nodeId !== envelope.from.node) return { refuse: 'signature.wrong_node', envelope };

  const body = messageBodySchemas[envelope.type].safeParse(envelope.body);
  if (!body.success) {
    const detail = body.error.issues.map((i) => i.path.join('.')).join(',');
    return { refuse: 'message.invalid_body', envelope, detail };
  }
  if (envelope.to.node !== deps.signer.nodeId) return { refuse: 'message.wrong_recipient', envelope };

  const docs = await findUnverifiedDocuments(deps.blobs, envelope);
  if (docs.corrupt.length)
    return { refuse: 'documents.hash_mismatch', envelope, detail: docs.corrupt.join(',') };
  if (docs.missing.length) {
    // "Not yet" would have the sender try again and again: not for a key that will never be trusted again.
    if ((await findVerificationKey(deps.db, kid))?.revoked !== false)
      return { refuse: 'signature.revoked_key', envelope };
    return { incomplete: { outcome: 'incomplete', reason: 'documents.missing', missing: docs.missing } };
  }
  return { jws, envelope, body: body.data, sha256, canonical, kid };
}
