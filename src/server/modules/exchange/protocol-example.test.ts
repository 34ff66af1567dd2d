/**
 * docs/protocol.md is the exchange's specification for other teams: this file holds it to the code. The worked
 * example's canonical bytes, hash, signature, evidence leaf and upload token are recomputed from its envelope and
 * its fixed key (Ed25519 is deterministic); the message-type table and the generated field reference are
 * compared with the zod schemas.
 */
import { readFileSync } from 'node:fs';
import { compactVerify, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../../domain/canonical-json.js';
import { messageBodySchemas } from '../../../domain/messages/bodies.js';
import { messageEnvelopeSchema, messageTypes, uuidv7Time } from '../../../domain/messages/envelope.js';
import { generatedSectionOf, protocolDocPath, renderProtocolDoc } from '../../../../test/protocol-doc.js';
import { base64UrlDecode, sha256Hex, toHex } from '../../platform/crypto/hash.js';
import { leafHash } from '../../platform/crypto/merkle.js';
import { openMessage, sealMessage } from '../../platform/crypto/message-signing.js';
import {
  exportPublicJwk,
  exportPublicPem,
  importPrivateJwk,
  keyIdOf,
  publicKeyOf,
} from '../../platform/crypto/signing.js';
import { signUploadToken } from './transport/upload-token.policy.js';

const doc = readFileSync(protocolDocPath, 'utf8');

/** The content of the fenced code block right after `<!-- example:<name> -->`. */
function example(name: string): string {
  const match = new RegExp(`<!-- example:${name} -->\\s*\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\``).exec(doc);
  if (!match?.[1]) throw new Error(`docs/protocol.md has no example block "${name}"`);
  return match[1];
}

const privateKey = importPrivateJwk(JSON.parse(example('private-jwk')));
const kid = example('kid');
const envelope = messageEnvelopeSchema.parse(JSON.parse(example('envelope')));
const sealed = sealMessage({ envelope, privateKey, kid });

describe("docs/protocol.md's worked example", () => {
  it('names the key by its RFC 7638 thumbprint, the one RFC 8037 A.3 publishes', () => {
    expect(keyIdOf(privateKey)).toBe(kid);
    expect(kid).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
  });

  it('is a message a node would send: a valid envelope, a body of its type and an id of its creation time', () => {
    expect(messageBodySchemas[envelope.type].safeParse(envelope.body).success).toBe(true);
    expect(uuidv7Time(envelope.id)).toBe(Date.parse(envelope.createdAt));
  });

  it('shows the canonical JSON the code writes, and its byte count', () => {
    expect(example('canonical')).toBe(canonicalize(envelope));
    const bytes = new TextEncoder().encode(sealed.canonical).length;
    expect(doc).toContain(`UTF-8, ${bytes} bytes`);
  });

  it('shows the SHA-256 of the canonical bytes as the message hash', () => {
    expect(example('sha256')).toBe(sha256Hex(new TextEncoder().encode(example('canonical'))));
    expect(example('sha256')).toBe(sealed.sha256);
  });

  it('shows the protected header and the JWS the code signs, byte for byte', () => {
    expect(example('header')).toBe(JSON.stringify({ alg: 'EdDSA', kid }));
    expect(example('jws')).toBe(sealed.jws);
    const header = base64UrlDecode(sealed.jws.split('.')[0] ?? '');
    expect(header && new TextDecoder().decode(header)).toBe(example('header'));
  });

  it('verifies with jose and the public key alone, giving back the canonical bytes', async () => {
    const key = await importJWK(exportPublicJwk(publicKeyOf(privateKey)), 'EdDSA');
    const { payload, protectedHeader } = await compactVerify(example('jws'), key, { algorithms: ['EdDSA'] });
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid });
    expect(new TextDecoder().decode(payload)).toBe(example('canonical'));
    expect(openMessage({ jws: example('jws'), resolveKey: () => publicKeyOf(privateKey) })).toMatchObject({
      ok: true,
      sha256: example('sha256'),
    });
  });

  it('shows the public key as the PEM OpenSSL reads', () => {
    expect(`${example('public-pem')}\n`).toBe(exportPublicPem(privateKey));
  });

  it("shows the JWS's RFC 9162 leaf hash in the evidence log", () => {
    expect(example('leaf-hash')).toBe(toHex(leafHash(new TextEncoder().encode(example('jws')))));
  });

  it('shows the document hash of the bytes it describes', () => {
    expect(envelope.documents[0]?.sha256).toBe(sha256Hex('%PDF-1.7 example'));
    expect(envelope.documents[0]?.size).toBe('%PDF-1.7 example'.length);
  });

  it('shows the upload token the code signs for the document at the stated time', () => {
    const document = envelope.documents[0]!;
    const now = new Date(envelope.createdAt);
    const token = signUploadToken(
      { nodeId: envelope.from.node, kid, privateKey },
      { sha256: document.sha256, size: document.size, now },
    );
    expect(example('upload-token')).toBe(token);
    const payload = JSON.parse(example('upload-token-payload')) as { exp: number };
    expect(example('upload-token-payload')).toBe(canonicalize(payload));
    expect(new TextDecoder().decode(base64UrlDecode(token.split('.')[1] ?? '') ?? undefined)).toBe(
      example('upload-token-payload'),
    );
    expect(doc).toContain(`(so \`exp\` is ${payload.exp})`);
  });

  it('would not verify if one character of the canonical JSON were changed', () => {
    const tampered = sealMessage({
      envelope: { ...envelope, createdBy: `${envelope.createdBy} ` },
      privateKey,
      kid,
    });
    expect(tampered.sha256).not.toBe(example('sha256'));
    expect(tampered.jws).not.toBe(example('jws'));
  });
});

describe("docs/protocol.md's message types and field reference", () => {
  it('lists every message type of the schemas in the marked table, in their order', () => {
    const table = /<!-- message-types:begin -->([\s\S]*?)<!-- message-types:end -->/.exec(doc)?.[1] ?? '';
    const listed = [...table.matchAll(/^\| `([a-z.-]+)` +\|/gm)].map((m) => m[1]);
    expect(listed).toEqual([...messageTypes]);
  });

  it('has the field reference the schemas generate (npx tsx test/protocol-doc.ts --write)', async () => {
    expect(doc).toBe(await renderProtocolDoc(doc));
  });

  it('has a field reference row for every member of every body', () => {
    const section = generatedSectionOf(doc) ?? '';
    for (const type of messageTypes) {
      const start = section.indexOf(`#### \`${type}\``);
      const end = section.indexOf('####', start + 1);
      const rows = section.slice(start, end);
      for (const field of Object.keys(messageBodySchemas[type].shape))
        expect(rows, `${type}.${field}`).toMatch(new RegExp(`^\\| \`${field}\` +\\|`, 'm'));
    }
  });
});
