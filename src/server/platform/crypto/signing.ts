/**
 * Ed25519 signatures as compact JWS (RFC 7515) with `alg: EdDSA` (RFC 8037), so that any JOSE library or
 * OpenSSL can check what a node signed. A key is named by its RFC 7638 JWK thumbprint.
 *
 * Signing and verifying are written here on `node:crypto` (synchronous, no key caching surprises); the tests
 * hold them to `jose` byte for byte. Ed25519 is deterministic (RFC 8032), so the same key and payload always
 * give the same JWS — which is what makes fixed test vectors possible.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import type { JsonWebKey, KeyObject } from 'node:crypto';
import { base64UrlDecode, base64UrlEncode } from './hash.js';

/** Why a JWS was refused; also the i18n keys under `errors.` */
export type SignatureFailure = 'signature.unknown_key' | 'signature.invalid' | 'signature.malformed';

/** The outcome of checking a JWS: the verified payload and the key that signed it, or why not. */
export type JwsVerification =
  { ok: true; payload: Uint8Array; kid: string } | { ok: false; reason: SignatureFailure };

/** Finds the public key for a key id among the trusted keys; null if the id is not known. */
export type KeyResolver = (kid: string) => KeyObject | null;

/** An Ed25519 public key as a JWK (RFC 8037 §2). */
export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
}

/** An Ed25519 private key as a JWK (RFC 8037 §2): the public members plus the secret `d`. */
export interface Ed25519PrivateJwk extends Ed25519PublicJwk {
  d: string;
}

/** A key that could not be read or is not an Ed25519 key; `code` is the i18n key. */
export class KeyFormatError extends Error {
  override readonly name = 'KeyFormatError';
  readonly code = 'keys.invalid';
}

/** A new node signing key pair and its key id. */
export function generateSigningKeyPair(): { privateKey: KeyObject; publicKey: KeyObject; kid: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, kid: keyIdOf(publicKey) };
}

/** The public half of a key (a public key is returned as is). */
export function publicKeyOf(key: KeyObject): KeyObject {
  assertEd25519(key);
  return key.type === 'public' ? key : createPublicKey(key);
}

/**
 * The key id: the RFC 7638 JWK thumbprint of the public key, base64url. For an OKP key the thumbprint input
 * is the required members in lexicographic order, `{"crv":"Ed25519","kty":"OKP","x":"…"}` (RFC 8037 §2).
 */
export function keyIdOf(key: KeyObject): string {
  const x = rawPublicKey(key);
  const members = `{"crv":"Ed25519","kty":"OKP","x":"${x}"}`;
  return base64UrlEncode(createHash('sha256').update(members, 'utf8').digest());
}

/** Signs bytes as a compact JWS `header.payload.signature` with the protected header `{alg: EdDSA, kid}`. */
export function signJws({
  payload,
  privateKey,
  kid,
}: {
  payload: Uint8Array;
  privateKey: KeyObject;
  kid: string;
}): string {
  const header = encodeHeader(kid);
  const body = base64UrlEncode(payload);
  return `${header}.${body}.${signInput(`${header}.${body}`, privateKey)}`;
}

/**
 * Signs bytes as a compact JWS with a detached payload (RFC 7515 Appendix F): `header..signature`. The
 * signature covers the payload exactly as in `signJws`; the receiver must already have the bytes.
 */
export function signDetachedJws({
  payload,
  privateKey,
  kid,
}: {
  payload: Uint8Array;
  privateKey: KeyObject;
  kid: string;
}): string {
  const header = encodeHeader(kid);
  return `${header}..${signInput(`${header}.${base64UrlEncode(payload)}`, privateKey)}`;
}

/**
 * Checks a compact JWS made by `signJws`: the header must be `{alg: EdDSA, kid}` (no `crit`, no unencoded
 * payload), the kid must resolve to a key and the Ed25519 signature must verify. Never throws on bad input.
 * Which node owns the kid is the caller's question (`resolveKey` decides which keys are trusted at all).
 */
export function verifyJws({ jws, resolveKey }: { jws: string; resolveKey: KeyResolver }): JwsVerification {
  const parts = splitCompact(jws);
  if (!parts) return { ok: false, reason: 'signature.malformed' };
  const payload = base64UrlDecode(parts.payload);
  if (!payload) return { ok: false, reason: 'signature.malformed' };
  return check(parts, payload, resolveKey);
}

/** Checks a detached compact JWS (`header..signature`) against the payload bytes it claims to sign. */
export function verifyDetachedJws({
  jws,
  payload,
  resolveKey,
}: {
  jws: string;
  payload: Uint8Array;
  resolveKey: KeyResolver;
}): JwsVerification {
  const parts = splitCompact(jws);
  if (!parts || parts.payload !== '') return { ok: false, reason: 'signature.malformed' };
  return check({ ...parts, payload: base64UrlEncode(payload) }, payload, resolveKey);
}

/**
 * The key id a compact JWS names in its protected header, before any check — so that the caller can
 * fetch that key (asynchronously) and then verify. Null if the JWS or its header is malformed.
 */
export function peekKid(jws: string): string | null {
  const parts = splitCompact(jws);
  return parts ? readHeader(parts.header) : null;
}

/** The public key as a JWK with its kid, for trust files and evidence bundles. */
export function exportPublicJwk(key: KeyObject): Ed25519PublicJwk {
  const x = rawPublicKey(key);
  return { kty: 'OKP', crv: 'Ed25519', x, kid: keyIdOf(key) };
}

/** The private key as a JWK with its kid, for a node's key file. Secret: never log or send it. */
export function exportPrivateJwk(privateKey: KeyObject): Ed25519PrivateJwk {
  assertEd25519(privateKey);
  if (privateKey.type !== 'private') throw new KeyFormatError('not a private key');
  const jwk = privateKey.export({ format: 'jwk' });
  if (typeof jwk.d !== 'string' || typeof jwk.x !== 'string') throw new KeyFormatError('not an Ed25519 key');
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d, kid: keyIdOf(privateKey) };
}

/**
 * A public key from a JWK (a private JWK gives its public half). If the JWK carries a `kid`, it must be the
 * key's thumbprint: a key file whose name and key disagree is refused rather than trusted under either.
 */
export function importPublicJwk(jwk: unknown): KeyObject {
  return importJwk(jwk, false);
}

/** A private key from a JWK with `d`; the `kid`, if present, must be the key's thumbprint. */
export function importPrivateJwk(jwk: unknown): KeyObject {
  return importJwk(jwk, true);
}

/** The public key as PEM (SPKI), as `openssl pkey -pubin` reads it. */
export function exportPublicPem(key: KeyObject): string {
  return publicKeyOf(key).export({ format: 'pem', type: 'spki' }).toString();
}

/** The private key as PEM (PKCS #8, unencrypted), as `openssl pkey` reads it. Secret. */
export function exportPrivatePem(privateKey: KeyObject): string {
  assertEd25519(privateKey);
  if (privateKey.type !== 'private') throw new KeyFormatError('not a private key');
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** A public key from PEM (SPKI; a private key PEM gives its public half). Refuses keys that are not Ed25519. */
export function importPublicPem(pem: string): KeyObject {
  const key = attempt(() => createPublicKey({ key: pem, format: 'pem' }));
  assertEd25519(key);
  return key;
}

/** A private key from PEM (PKCS #8). Refuses keys that are not Ed25519. */
export function importPrivatePem(pem: string): KeyObject {
  const key = attempt(() => createPrivateKey({ key: pem, format: 'pem' }));
  assertEd25519(key);
  return key;
}

interface CompactParts {
  header: string;
  payload: string;
  signature: string;
}

function encodeHeader(kid: string): string {
  if (kid === '') throw new KeyFormatError('a kid is required');
  return base64UrlEncode(JSON.stringify({ alg: 'EdDSA', kid }));
}

function signInput(signingInput: string, privateKey: KeyObject): string {
  assertEd25519(privateKey);
  if (privateKey.type !== 'private') throw new KeyFormatError('signing needs a private key');
  // Ed25519 takes no digest algorithm: the message is hashed inside the scheme (RFC 8032 §5.1.6).
  return base64UrlEncode(sign(null, Buffer.from(signingInput, 'ascii'), privateKey));
}

function splitCompact(jws: string): CompactParts | null {
  if (typeof jws !== 'string') return null;
  const parts = jws.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts as [string, string, string];
  return { header, payload, signature };
}

function check(parts: CompactParts, payload: Uint8Array, resolveKey: KeyResolver): JwsVerification {
  const kid = readHeader(parts.header);
  const signature = base64UrlDecode(parts.signature);
  if (kid === null || !signature || signature.length !== 64)
    return { ok: false, reason: 'signature.malformed' };

  const key = resolveKey(kid);
  if (!key) return { ok: false, reason: 'signature.unknown_key' };
  if (key.asymmetricKeyType !== 'ed25519') return { ok: false, reason: 'signature.invalid' };

  let valid: boolean;
  try {
    valid = verify(null, Buffer.from(`${parts.header}.${parts.payload}`, 'ascii'), key, signature);
  } catch {
    valid = false;
  }
  return valid ? { ok: true, payload, kid } : { ok: false, reason: 'signature.invalid' };
}

/** The kid of a protected header we can honour, or null. */
function readHeader(encoded: string): string | null {
  const bytes = base64UrlDecode(encoded);
  if (!bytes) return null;
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return null;
  const { alg, kid, crit, b64 } = header as Record<string, unknown>;
  // RFC 7515 §4.1.11: a `crit` we do not understand must be refused; RFC 7797 `b64: false` changes what is
  // signed, and we only ever sign base64url-encoded payloads.
  if (alg !== 'EdDSA' || typeof kid !== 'string' || kid === '' || crit !== undefined || b64 !== undefined) {
    return null;
  }
  return kid;
}

function rawPublicKey(key: KeyObject): string {
  const jwk = publicKeyOf(key).export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new KeyFormatError('not an Ed25519 key');
  return jwk.x;
}

function importJwk(jwk: unknown, wantPrivate: boolean): KeyObject {
  if (typeof jwk !== 'object' || jwk === null) throw new KeyFormatError('a JWK must be an object');
  const { kty, crv, x, d, kid } = jwk as Record<string, unknown>;
  if (kty !== 'OKP' || crv !== 'Ed25519' || typeof x !== 'string')
    throw new KeyFormatError('not an Ed25519 JWK');
  if (wantPrivate && typeof d !== 'string') throw new KeyFormatError('not a private JWK');
  const members: JsonWebKey = wantPrivate && typeof d === 'string' ? { kty, crv, x, d } : { kty, crv, x };
  const key = attempt(() =>
    wantPrivate
      ? createPrivateKey({ key: members, format: 'jwk' })
      : createPublicKey({ key: members, format: 'jwk' }),
  );
  assertEd25519(key);
  // Node derives the public half from `d` and ignores a contradicting `x`: a corrupted key file must not pass.
  if (rawPublicKey(key) !== x) throw new KeyFormatError('x is not the public key of d');
  if (kid !== undefined && kid !== keyIdOf(key))
    throw new KeyFormatError('the kid is not the key thumbprint');
  return key;
}

function assertEd25519(key: KeyObject): void {
  if (key.asymmetricKeyType !== 'ed25519') throw new KeyFormatError('not an Ed25519 key');
}

function attempt(make: () => KeyObject): KeyObject {
  try {
    return make();
  } catch (cause) {
    throw new KeyFormatError('the key cannot be read', { cause });
  }
}
