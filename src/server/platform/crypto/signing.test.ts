import { generateKeyPairSync, sign } from 'node:crypto';
import { CompactSign, calculateJwkThumbprint, compactVerify, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { base64UrlDecode, base64UrlEncode } from './hash.js';
import {
  KeyFormatError,
  exportPrivateJwk,
  exportPrivatePem,
  exportPublicJwk,
  exportPublicPem,
  generateSigningKeyPair,
  importPrivateJwk,
  importPrivatePem,
  importPublicJwk,
  importPublicPem,
  keyIdOf,
  publicKeyOf,
  signDetachedJws,
  signJws,
  verifyDetachedJws,
  verifyJws,
} from './signing.js';
import type { KeyResolver } from './signing.js';

const encoder = new TextEncoder();
const payload = encoder.encode('{"hello":"سلام"}');

const signer = generateSigningKeyPair();
const stranger = generateSigningKeyPair();
const trustSigner: KeyResolver = (kid) => (kid === signer.kid ? signer.publicKey : null);

/** Re-encodes the protected header of a JWS, keeping payload and signature. */
function withHeader(jws: string, header: unknown): string {
  const [, body, signature] = jws.split('.');
  return `${base64UrlEncode(JSON.stringify(header))}.${body ?? ''}.${signature ?? ''}`;
}

describe('RFC 8037 Appendix A', () => {
  // The Ed25519 key, thumbprint and signature published in RFC 8037 A.1, A.3 and A.4.
  const rfcKey = {
    kty: 'OKP',
    crv: 'Ed25519',
    d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A',
    x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
  };

  it('gives the key id RFC 8037 A.3 computes as the RFC 7638 thumbprint', () => {
    expect(keyIdOf(importPrivateJwk(rfcKey))).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
    expect(keyIdOf(importPublicJwk({ kty: 'OKP', crv: 'Ed25519', x: rfcKey.x }))).toBe(
      'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k',
    );
  });

  it('reproduces the RFC 8037 A.4 signature with an imported private JWK', () => {
    const signingInput = 'eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc';
    const signature = sign(null, Buffer.from(signingInput), importPrivateJwk(rfcKey)).toString('base64url');
    expect(signature).toBe(
      'hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg',
    );
  });
});

describe('key ids', () => {
  it('names a key by the same RFC 7638 thumbprint jose computes', async () => {
    const jwk = exportPublicJwk(signer.publicKey);
    expect(signer.kid).toBe(await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, 'sha256'));
    expect(keyIdOf(signer.privateKey)).toBe(signer.kid);
  });
});

describe('signJws and verifyJws', () => {
  it('signs with the protected header {alg: EdDSA, kid} and the payload as given', () => {
    const jws = signJws({ payload, privateKey: signer.privateKey, kid: signer.kid });
    const [header, body] = jws.split('.');
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toEqual({
      alg: 'EdDSA',
      kid: signer.kid,
    });
    expect(base64UrlDecode(body ?? '')).toEqual(payload);
  });

  it('produces exactly the JWS jose produces for the same key, header and payload', async () => {
    const ours = signJws({ payload, privateKey: signer.privateKey, kid: signer.kid });
    const jose = await new CompactSign(payload)
      .setProtectedHeader({ alg: 'EdDSA', kid: signer.kid })
      .sign(await importJWK(exportPrivateJwk(signer.privateKey), 'EdDSA'));
    expect(ours).toBe(jose);
  });

  it('makes signatures that jose verifies, and verifies signatures jose makes', async () => {
    const jws = signJws({ payload, privateKey: signer.privateKey, kid: signer.kid });
    const verified = await compactVerify(jws, await importJWK(exportPublicJwk(signer.publicKey), 'EdDSA'));
    expect(verified.payload).toEqual(payload);

    const fromJose = await new CompactSign(encoder.encode('from jose'))
      .setProtectedHeader({ alg: 'EdDSA', kid: signer.kid })
      .sign(await importJWK(exportPrivateJwk(signer.privateKey), 'EdDSA'));
    const result = verifyJws({ jws: fromJose, resolveKey: trustSigner });
    expect(result).toEqual({ ok: true, payload: encoder.encode('from jose'), kid: signer.kid });
  });

  it('accepts a signature made by a trusted key and returns the payload and kid', () => {
    const jws = signJws({ payload, privateKey: signer.privateKey, kid: signer.kid });
    expect(verifyJws({ jws, resolveKey: trustSigner })).toEqual({ ok: true, payload, kid: signer.kid });
  });

  it('refuses a signature made by an unknown key', () => {
    const jws = signJws({ payload, privateKey: stranger.privateKey, kid: stranger.kid });
    expect(verifyJws({ jws, resolveKey: trustSigner })).toEqual({
      ok: false,
      reason: 'signature.unknown_key',
    });
  });

  it('refuses a signature made by another key under a trusted kid', () => {
    const jws = signJws({ payload, privateKey: stranger.privateKey, kid: signer.kid });
    expect(verifyJws({ jws, resolveKey: trustSigner })).toEqual({ ok: false, reason: 'signature.invalid' });
  });

  it('refuses a signature once a single bit of the payload or signature has changed', () => {
    const jws = signJws({ payload, privateKey: signer.privateKey, kid: signer.kid });
    const [header, , signature] = jws.split('.');
    const tampered = new Uint8Array(payload);
    tampered[0] = (tampered[0] ?? 0) ^ 1;
    expect(
      verifyJws({ jws: `${header}.${base64UrlEncode(tampered)}.${signature}`, resolveKey: trustSigner }),
    ).toEqual({ ok: false, reason: 'signature.invalid' });
    const sig = base64UrlDecode(signature ?? '') ?? new Uint8Array();
    sig[10] = (sig[10] ?? 0) ^ 0x80;
    const body = jws.split('.')[1] ?? '';
    expect(verifyJws({ jws: `${header}.${body}.${base64UrlEncode(sig)}`, resolveKey: trustSigner })).toEqual({
      ok: false,
      reason: 'signature.invalid',
    });
  });

  it('refuses a trusted kid that resolves to a key of another type', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    const jws = signJws({ payload, privateKey: signer.privateKey, kid: signer.kid });
    expect(verifyJws({ jws, resolveKey: () => rsa })).toEqual({ ok: false, reason: 'signature.invalid' });
  });

  it('refuses as malformed what is not a compact JWS with a header it can honour', () => {
    const jws = signJws({ payload, privateKey: signer.privateKey, kid: signer.kid });
    const [header, body, signature] = jws.split('.') as [string, string, string];
    const malformed = [
      '',
      'a.b',
      `${jws}.extra`,
      `${header}.${body}`,
      `${header}.${body}.${signature}=`,
      `${header}.${body}+.${signature}`,
      `${header}.${body}.${signature.slice(0, -4)}`,
      `${base64UrlEncode('not json')}.${body}.${signature}`,
      `${base64UrlEncode('[]')}.${body}.${signature}`,
      withHeader(jws, { alg: 'none', kid: signer.kid }),
      withHeader(jws, { alg: 'HS256', kid: signer.kid }),
      withHeader(jws, { alg: 'EdDSA' }),
      withHeader(jws, { alg: 'EdDSA', kid: '' }),
      withHeader(jws, { alg: 'EdDSA', kid: 7 }),
      withHeader(jws, { alg: 'EdDSA', kid: signer.kid, crit: ['exp'], exp: 1 }),
      withHeader(jws, { alg: 'EdDSA', kid: signer.kid, b64: false }),
    ];
    for (const bad of malformed) {
      expect(verifyJws({ jws: bad, resolveKey: trustSigner }), bad).toEqual({
        ok: false,
        reason: 'signature.malformed',
      });
    }
  });

  it('is deterministic: the same key and payload always give the same JWS', () => {
    const a = signJws({ payload, privateKey: signer.privateKey, kid: signer.kid });
    const b = signJws({ payload, privateKey: signer.privateKey, kid: signer.kid });
    expect(a).toBe(b);
  });

  it('refuses to sign with a public key or without a kid', () => {
    expect(() => signJws({ payload, privateKey: signer.publicKey, kid: signer.kid })).toThrow(KeyFormatError);
    expect(() => signJws({ payload, privateKey: signer.privateKey, kid: '' })).toThrow(KeyFormatError);
  });
});

describe('detached JWS', () => {
  it('signs as header..signature and verifies against the payload it is given', () => {
    const jws = signDetachedJws({ payload, privateKey: signer.privateKey, kid: signer.kid });
    expect(jws.split('.')[1]).toBe('');
    expect(verifyDetachedJws({ jws, payload, resolveKey: trustSigner })).toEqual({
      ok: true,
      payload,
      kid: signer.kid,
    });
  });

  it('carries the same signature as the attached form', () => {
    const attached = signJws({ payload, privateKey: signer.privateKey, kid: signer.kid }).split('.');
    const detached = signDetachedJws({ payload, privateKey: signer.privateKey, kid: signer.kid }).split('.');
    expect(detached).toEqual([attached[0], '', attached[2]]);
  });

  it('refuses other payload bytes, and an attached JWS where a detached one is expected', () => {
    const jws = signDetachedJws({ payload, privateKey: signer.privateKey, kid: signer.kid });
    expect(verifyDetachedJws({ jws, payload: encoder.encode('other'), resolveKey: trustSigner })).toEqual({
      ok: false,
      reason: 'signature.invalid',
    });
    const attached = signJws({ payload, privateKey: signer.privateKey, kid: signer.kid });
    expect(verifyDetachedJws({ jws: attached, payload, resolveKey: trustSigner })).toEqual({
      ok: false,
      reason: 'signature.malformed',
    });
  });
});

describe('key files', () => {
  it('round-trips a key pair through JWK, keeping the kid', () => {
    const privateJwk = exportPrivateJwk(signer.privateKey);
    const publicJwk = exportPublicJwk(signer.publicKey);
    expect(publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: privateJwk.x, kid: signer.kid });
    expect(privateJwk.kid).toBe(signer.kid);

    const privateKey = importPrivateJwk(JSON.parse(JSON.stringify(privateJwk)));
    const publicKey = importPublicJwk(JSON.parse(JSON.stringify(publicJwk)));
    const jws = signJws({ payload, privateKey, kid: keyIdOf(privateKey) });
    expect(verifyJws({ jws, resolveKey: () => publicKey })).toMatchObject({ ok: true, kid: signer.kid });
    expect(keyIdOf(importPublicJwk(privateJwk))).toBe(signer.kid);
  });

  it('round-trips a key pair through PEM, as OpenSSL writes and reads it', () => {
    const privatePem = exportPrivatePem(signer.privateKey);
    const publicPem = exportPublicPem(signer.privateKey);
    expect(privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(publicPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const privateKey = importPrivatePem(privatePem);
    expect(keyIdOf(privateKey)).toBe(signer.kid);
    expect(keyIdOf(importPublicPem(publicPem))).toBe(signer.kid);
    expect(keyIdOf(publicKeyOf(privateKey))).toBe(signer.kid);
  });

  it('refuses a JWK whose kid is not its thumbprint, or whose x is not the public key of d', () => {
    expect(() => importPublicJwk({ ...exportPublicJwk(signer.publicKey), kid: stranger.kid })).toThrow(
      KeyFormatError,
    );
    expect(() =>
      importPrivateJwk({
        ...exportPrivateJwk(signer.privateKey),
        x: exportPublicJwk(stranger.publicKey).x,
        kid: undefined,
      }),
    ).toThrow(KeyFormatError);
  });

  it('refuses keys that are not Ed25519, and text that is not a key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(() => importPublicPem(rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString())).toThrow(
      KeyFormatError,
    );
    expect(() =>
      importPrivatePem(rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()),
    ).toThrow(KeyFormatError);
    expect(() => importPublicJwk({ kty: 'EC', crv: 'P-256', x: 'a', y: 'b' })).toThrow(KeyFormatError);
    expect(() => importPrivateJwk(exportPublicJwk(signer.publicKey))).toThrow(KeyFormatError);
    expect(() => importPublicPem('not a key')).toThrow(KeyFormatError);
    expect(() => importPublicJwk(null)).toThrow(KeyFormatError);
    expect(() => exportPrivateJwk(signer.publicKey)).toThrow(KeyFormatError);
  });
});
