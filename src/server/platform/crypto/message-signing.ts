/**
 * Sealing and opening exchange messages (docs/protocol.md §4–§5): the envelope is written as RFC 8785
 * canonical JSON, hashed with SHA-256 (the message hash: threads, receipts, the Merkle log and QR codes refer to it) and signed
 * as a compact JWS whose payload is exactly those canonical bytes, so any JOSE library can check it and anyone
 * holding the JWS holds the message.
 */
import type { KeyObject } from 'node:crypto';
import { canonicalize } from '../../../domain/canonical-json.js';
import { messageEnvelopeSchema } from '../../../domain/messages/envelope.js';
import type { MessageEnvelope } from '../../../domain/messages/envelope.js';
import { sha256Hex } from './hash.js';
import { signJws, verifyJws } from './signing.js';
import type { KeyResolver, SignatureFailure } from './signing.js';

/** A sealed message: its canonical JSON, the SHA-256 of that (hex) and the compact JWS over it. */
export interface SealedMessage {
  canonical: string;
  sha256: string;
  jws: string;
}

/** Why a received message was refused; also i18n keys under `errors.` */
export type MessageFailure = SignatureFailure | 'message.malformed' | 'message.not_canonical';

/** A verified message with its hash and signing key id, or why it was refused. */
export type OpenedMessage =
  | { ok: true; envelope: MessageEnvelope; canonical: string; sha256: string; kid: string }
  | { ok: false; reason: MessageFailure };

/**
 * Seals an envelope: validates it against the envelope schema (throws a ZodError if it does not conform —
 * a node never signs a message it would itself refuse), canonicalises it, hashes it and signs it.
 */
export function sealMessage({
  envelope,
  privateKey,
  kid,
}: {
  envelope: MessageEnvelope;
  privateKey: KeyObject;
  kid: string;
}): SealedMessage {
  const canonical = canonicalize(messageEnvelopeSchema.parse(envelope));
  const bytes = new TextEncoder().encode(canonical);
  return { canonical, sha256: sha256Hex(bytes), jws: signJws({ payload: bytes, privateKey, kid }) };
}

/**
 * Opens a received JWS: the signature must verify with a trusted key, the payload must be UTF-8 JSON that
 * is already in canonical form (otherwise its hash would not be the message hash) and must be an envelope.
 * Never throws on bad input. The caller still checks that `kid` belongs to `envelope.from.node`, the thread
 * chain and the document hashes.
 */
export function openMessage({ jws, resolveKey }: { jws: string; resolveKey: KeyResolver }): OpenedMessage {
  const verified = verifyJws({ jws, resolveKey });
  if (!verified.ok) return verified;

  let canonical: string;
  let parsed: unknown;
  try {
    canonical = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(verified.payload);
    parsed = JSON.parse(canonical);
  } catch {
    return { ok: false, reason: 'message.malformed' };
  }

  const envelope = messageEnvelopeSchema.safeParse(parsed);
  if (!envelope.success) return { ok: false, reason: 'message.malformed' };

  let recanonical: string;
  try {
    recanonical = canonicalize(parsed);
  } catch {
    return { ok: false, reason: 'message.malformed' };
  }
  if (recanonical !== canonical) return { ok: false, reason: 'message.not_canonical' };

  return {
    ok: true,
    envelope: envelope.data,
    canonical,
    sha256: sha256Hex(verified.payload),
    kid: verified.kid,
  };
}
