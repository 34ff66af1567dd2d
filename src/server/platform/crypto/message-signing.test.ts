import { readFileSync } from 'node:fs';
import { compactVerify, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import type { MessageEnvelope } from '../../../domain/messages/envelope.js';
import { base64UrlEncode, sha256Hex } from './hash.js';
import { openMessage, sealMessage } from './message-signing.js';
import { generateSigningKeyPair, importPrivateJwk, importPublicJwk, keyIdOf, signJws } from './signing.js';
import type { KeyResolver } from './signing.js';

interface ExchangeVector {
  kid: string;
  privateJwk: Record<string, unknown>;
  publicJwk: Record<string, unknown>;
  envelope: MessageEnvelope;
  canonical: string;
  sha256: string;
  jws: string;
}

// Generated once and checked independently (see its `checkedWhenGenerated`); never regenerate it to make a
// test pass.
const vector = JSON.parse(
  readFileSync(new URL('../../../../test/fixtures/exchange-vector.json', import.meta.url), 'utf8'),
) as ExchangeVector;
const privateKey = importPrivateJwk(vector.privateJwk);
const publicKey = importPublicJwk(vector.publicJwk);
const trustVectorKey: KeyResolver = (kid) => (kid === vector.kid ? publicKey : null);

describe('the fixed exchange vector', () => {
  it('has a key whose kid is its RFC 7638 thumbprint', () => {
    expect(keyIdOf(privateKey)).toBe(vector.kid);
    expect(keyIdOf(publicKey)).toBe(vector.kid);
  });

  it('seals the envelope to exactly the recorded canonical JSON, SHA-256 and JWS', () => {
    const sealed = sealMessage({ envelope: vector.envelope, privateKey, kid: vector.kid });
    expect(sealed.canonical).toBe(vector.canonical);
    expect(sealed.sha256).toBe(vector.sha256);
    expect(sealed.jws).toBe(vector.jws);
  });

  it('hashes the UTF-8 bytes of the canonical JSON', () => {
    expect(sha256Hex(new TextEncoder().encode(vector.canonical))).toBe(vector.sha256);
  });

  it('verifies with jose compactVerify and the public JWK alone, independently of this code', async () => {
    const key = await importJWK(vector.publicJwk, 'EdDSA');
    const { payload, protectedHeader } = await compactVerify(vector.jws, key, { algorithms: ['EdDSA'] });
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: vector.kid });
    expect(new TextDecoder().decode(payload)).toBe(vector.canonical);
  });

  it('opens to the original envelope, its hash and the signing kid', () => {
    expect(openMessage({ jws: vector.jws, resolveKey: trustVectorKey })).toEqual({
      ok: true,
      envelope: vector.envelope,
      canonical: vector.canonical,
      sha256: vector.sha256,
      kid: vector.kid,
    });
  });
});

describe('sealMessage', () => {
  it('gives the same seal whatever the order in which the envelope was built', () => {
    const reordered = Object.fromEntries(Object.entries(vector.envelope).reverse()) as MessageEnvelope;
    expect(sealMessage({ envelope: reordered, privateKey, kid: vector.kid }).jws).toBe(vector.jws);
  });

  it('refuses to sign an envelope it would itself refuse to receive', () => {
    const unknownMember = { ...vector.envelope, extra: 1 } as MessageEnvelope;
    const badThread = { ...vector.envelope, thread: { prev: null, seq: 2 } };
    expect(() => sealMessage({ envelope: unknownMember, privateKey, kid: vector.kid })).toThrow();
    expect(() => sealMessage({ envelope: badThread, privateKey, kid: vector.kid })).toThrow();
  });
});

describe('openMessage', () => {
  /** Signs arbitrary payload text with the vector key, as a misbehaving peer could. */
  const signText = (text: string): string =>
    signJws({ payload: new TextEncoder().encode(text), privateKey, kid: vector.kid });

  it('refuses a message signed by an unknown key', () => {
    const other = generateSigningKeyPair();
    const { jws } = sealMessage({ envelope: vector.envelope, privateKey: other.privateKey, kid: other.kid });
    expect(openMessage({ jws, resolveKey: trustVectorKey })).toEqual({
      ok: false,
      reason: 'signature.unknown_key',
    });
  });

  it('refuses a message whose body was changed after signing', () => {
    const [header, , signature] = vector.jws.split('.');
    const forged = vector.canonical.replace('125000000', '125000001');
    const jws = `${header}.${base64UrlEncode(forged)}.${signature}`;
    expect(openMessage({ jws, resolveKey: trustVectorKey })).toEqual({
      ok: false,
      reason: 'signature.invalid',
    });
  });

  it('refuses a malformed JWS', () => {
    expect(openMessage({ jws: 'not.a-jws', resolveKey: trustVectorKey })).toEqual({
      ok: false,
      reason: 'signature.malformed',
    });
  });

  it('refuses a signed payload that is not an envelope, or not JSON, or not UTF-8', () => {
    const notEnvelope = signText('{"hello":"world"}');
    const notJson = signText('hello');
    const notUtf8 = signJws({ payload: new Uint8Array([0x7b, 0xff, 0x7d]), privateKey, kid: vector.kid });
    const unknownType = signText(vector.canonical.replace('"case.submitted"', '"case.invented"'));
    for (const jws of [notEnvelope, notJson, notUtf8, unknownType]) {
      expect(openMessage({ jws, resolveKey: trustVectorKey })).toEqual({
        ok: false,
        reason: 'message.malformed',
      });
    }
  });

  it('refuses a validly signed envelope that is not in canonical form, whose hash would be ambiguous', () => {
    const pretty = JSON.stringify(vector.envelope, null, 2);
    const duplicateKey = vector.canonical.replace('{"body":', '{"type":"order.closed","body":');
    for (const text of [pretty, JSON.stringify(vector.envelope), `\ufeff${vector.canonical}`, duplicateKey]) {
      const result = openMessage({ jws: signText(text), resolveKey: trustVectorKey });
      expect(result.ok).toBe(false);
    }
    expect(openMessage({ jws: signText(pretty), resolveKey: trustVectorKey })).toEqual({
      ok: false,
      reason: 'message.not_canonical',
    });
    expect(openMessage({ jws: signText(duplicateKey), resolveKey: trustVectorKey })).toEqual({
      ok: false,
      reason: 'message.not_canonical',
    });
  });
});
