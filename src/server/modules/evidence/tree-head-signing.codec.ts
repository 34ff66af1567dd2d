/**
 * Signing and opening signed tree heads (src/domain/evidence/tree-head.ts): a compact JWS (EdDSA, the
 * node's key) whose payload is the RFC 8785 canonical JSON of `{ nodeId, treeSize, rootHash, timestamp }`.
 */
import type { KeyObject } from 'node:crypto';
import { canonicalize } from '../../../domain/canonical-json.js';
import { treeHeadSchema, type SignedTreeHead, type TreeHead } from '../../../domain/evidence/tree-head.js';
import { signJws, verifyJws, type KeyResolver } from '../../platform/crypto/signing.js';

/** Why a tree head's JWS was not accepted. */
export type TreeHeadFailure =
  | 'signature.unknown_key'
  | 'signature.invalid'
  | 'signature.malformed'
  | 'tree_head.malformed'
  | 'tree_head.not_canonical';

/** A verified tree head and the key that signed it, or why not. */
export type OpenedTreeHead =
  { ok: true; head: TreeHead; kid: string } | { ok: false; reason: TreeHeadFailure };

/** Signs a tree head with the node's current key. */
export function signTreeHead(head: TreeHead, signer: { kid: string; privateKey: KeyObject }): SignedTreeHead {
  const payload = new TextEncoder().encode(canonicalize(treeHeadSchema.parse(head)));
  return {
    ...head,
    kid: signer.kid,
    jws: signJws({ payload, privateKey: signer.privateKey, kid: signer.kid }),
  };
}

/** Checks a tree head's JWS and reads the head it signs: it must be canonical JSON of exactly the four fields. */
export function openTreeHead(jws: string, resolveKey: KeyResolver): OpenedTreeHead {
  const verified = verifyJws({ jws, resolveKey });
  if (!verified.ok) return verified;
  let text: string;
  let parsed: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(verified.payload);
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'tree_head.malformed' };
  }
  const head = treeHeadSchema.safeParse(parsed);
  if (!head.success) return { ok: false, reason: 'tree_head.malformed' };
  if (canonicalize(head.data) !== text) return { ok: false, reason: 'tree_head.not_canonical' };
  return { ok: true, head: head.data, kid: verified.kid };
}
