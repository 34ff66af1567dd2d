/**
 * Reading what a compact JWS carries *without* checking its signature: for sorting and naming the files
 * of an evidence bundle, never for trusting them (the verifier checks every signature).
 */
import { base64UrlDecode, sha256Hex } from '../../../platform/crypto/hash.js';

/** The payload bytes of a compact JWS, SHA-256 (hex) and the JSON value they hold; null if unreadable. */
export function peekJwsPayload(jws: string): { bytes: Uint8Array; sha256: string; json: unknown } | null {
  const parts = jws.split('.');
  if (parts.length !== 3) return null;
  const bytes = base64UrlDecode(parts[1] ?? '');
  if (!bytes) return null;
  try {
    const json: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return { bytes, sha256: sha256Hex(bytes), json };
  } catch {
    return null;
  }
}
