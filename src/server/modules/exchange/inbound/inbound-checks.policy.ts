import { isAppError } from '../../../../domain/errors.js';
import { messageBodySchemas } from '../../../../domain/messages/bodies.js';
import type { MessageEnvelope } from '../../../../domain/messages/envelope.js';
import type { BlobStore } from '../../../platform/blob-store/blob-store.js';
import type { StreamDigest } from '../../../platform/crypto/hash.js';
import { openMessage } from '../../../platform/crypto/message-signing.js';
import { peekKid } from '../../../platform/crypto/signing.js';
import type { ReceiveDeps, ReceiveOutcome, RefusalReason } from './inbound.ports.js';
import { findVerificationKey } from '../trust/trust.repository.js';

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

/**
 * What a message says of its sender before anything is verified — the signing key's id, the sender
 * node and the message id, each cut to `CLAIM_CHARS` — for the bounded record of a refusal.
 */
export interface SenderClaim {
  kid: string | null;
  node: string | null;
  messageId: string | null;
}

/** Why a message cannot be accepted (now, or ever), with what to keep of it. */
export type FailedCheck =
  | {
      refuse: RefusalReason;
      /**
       * A trusted, unrevoked key signed it: the message is kept whole as evidence. Otherwise it is anyone's
       * bytes and leaves only a bounded record (`claim`).
       */
      signed: boolean;
      claim: SenderClaim;
      envelope?: MessageEnvelope;
      detail?: string;
    }
  | { incomplete: Extract<ReceiveOutcome, { outcome: 'incomplete' }> };

/** Longest claim kept of an unverified message (a node id is at most 63 characters, a kid 43). */
const CLAIM_CHARS = 100;

const claimed = (value: unknown): string | null =>
  typeof value === 'string' ? value.slice(0, CLAIM_CHARS) : null;

/**
 * Reads a JWS's claims without verifying anything: the kid of its header and, from its payload (which
 * must be a JSON object), the sender node and the message id. `shaped` is false when the payload is
 * not base64url of a JSON object naming a sender node — a message no node could have sealed.
 */
function readClaim(jws: string, kid: string): { claim: SenderClaim; shaped: boolean } {
  // Decoded leniently: only the signature check (strict base64url, UTF-8 and canonical JSON) makes it a message.
  const payload = Buffer.from(jws.slice(jws.indexOf('.') + 1, jws.lastIndexOf('.')), 'base64url');
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    parsed = null;
  }
  const envelope = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as {
    id?: unknown;
    from?: { node?: unknown } | null;
  };
  const claim = { kid: claimed(kid), node: claimed(envelope.from?.node), messageId: claimed(envelope.id) };
  return { claim, shaped: claim.node !== null };
}

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
 * Checks a signed message before anything is stored, cheapest first, so that a stranger's junk costs
 * little and leaves little: its shape (a compact JWS whose payload names a sender node); then the
 * claimed sender node and key id against the trust store (a known key of that very node); then the
 * signature. Only past the signature is the message the trusted peer's own word and kept whole when
 * refused (`signed`). Then the envelope and the body's schema; that it is addressed to this node; and
 * every byte of its documents, re-hashed from the store. What can change from one message to the next
 * — the key's revocation, the recipient organisation — is checked when it is accepted (`acceptChecked`).
 */
export async function checkInbound(deps: ReceiveDeps, jws: string): Promise<CheckedMessage | FailedCheck> {
  const kid = peekKid(jws);
  const unknown: SenderClaim = { kid: null, node: null, messageId: null };
  if (!kid) return { refuse: 'signature.malformed', signed: false, claim: unknown };
  const { claim, shaped } = readClaim(jws, kid);
  if (!shaped) return { refuse: 'message.malformed', signed: false, claim };

  const key = await deps.keys.find(kid);
  if (!key) return { refuse: 'signature.unknown_key', signed: false, claim };
  if (key.nodeId !== claim.node) return { refuse: 'signature.wrong_node', signed: false, claim };

  const opened = openMessage({ jws, resolveKey: (k) => (k === key.kid ? key.publicKey : null) });
  if (!opened.ok) return { refuse: opened.reason, signed: !opened.reason.startsWith('signature.'), claim };
  const { envelope, sha256, canonical } = opened;

  const body = messageBodySchemas[envelope.type].safeParse(envelope.body);
  if (!body.success) {
    const detail = body.error.issues.map((i) => i.path.join('.')).join(',');
    return { refuse: 'message.invalid_body', signed: true, claim, envelope, detail };
  }
  if (envelope.to.node !== deps.signer.nodeId)
    return { refuse: 'message.wrong_recipient', signed: true, claim, envelope };

  const docs = await findUnverifiedDocuments(deps.blobs, envelope);
  if (docs.corrupt.length)
    return {
      refuse: 'documents.hash_mismatch',
      signed: true,
      claim,
      envelope,
      detail: docs.corrupt.join(','),
    };
  if (docs.missing.length) {
    // "Not yet" would have the sender try again and again: not for a key that will never be trusted again.
    // A revoked key vouches for nothing: its message leaves a bounded record only.
    if ((await findVerificationKey(deps.db, kid))?.revoked !== false)
      return { refuse: 'signature.revoked_key', signed: false, claim };
    return { incomplete: { outcome: 'incomplete', reason: 'documents.missing', missing: docs.missing } };
  }
  return { jws, envelope, body: body.data, sha256, canonical, kid };
}
