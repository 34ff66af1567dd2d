/**
 * What an exchange endpoint does with what it refuses, over HTTP between two nodes: every refusal code
 * a message can get, in the order the checks run; what is kept of it (whole, or a bounded record);
 * throttling by source address; and who may learn whether a document is held.
 */
import { Readable } from 'node:stream';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { canonicalize } from '../../../domain/canonical-json.js';
import { uuidv7, type MessageEnvelope } from '../../../domain/messages/envelope.js';
import { loadConfig } from '../../config.js';
import { fixedClock } from '../../platform/clock.js';
import { base64UrlEncode, sha256Hex } from '../../platform/crypto/hash.js';
import { sealMessage } from '../../platform/crypto/message-signing.js';
import { generateSigningKeyPair, signJws } from '../../platform/crypto/signing.js';
import { deliverAll } from '../../../../test/factories.js';
import {
  enqueueSupplement,
  enqueueWithDocument,
  hasAccepted,
  startTwoNodes,
  type TestNode,
} from './http-nodes.fixture.js';
import { signUploadToken } from './transport/upload-token.policy.js';

const clock = fixedClock('2026-12-01T08:00:00Z');
const LIMIT = 5;

let police: TestNode;
let judiciary: TestNode;
let station: { id: string; code: string };
let office: { id: string; code: string };

const encode = (text: string) => new TextEncoder().encode(text);

/** A well-formed `case.supplemented` from the police station to the office, first of a new thread. */
function envelope(changes: Partial<MessageEnvelope> = {}): MessageEnvelope {
  return {
    id: uuidv7(),
    type: 'case.supplemented',
    from: { node: police.exchange.nodeId, org: station.code },
    to: { node: judiciary.exchange.nodeId, org: office.code },
    caseRef: `case-${uuidv7()}`,
    thread: { prev: null, seq: 1 },
    createdAt: clock.now().toISOString(),
    createdBy: 'chief',
    body: { note: 'پیوست', answers: null, parties: [] },
    documents: [],
    ...changes,
  };
}

/** Signed by the police node's real key. */
const sealed = (changes: Partial<MessageEnvelope> = {}) =>
  sealMessage({
    envelope: envelope(changes),
    privateKey: police.exchange.signer.privateKey,
    kid: police.exchange.signer.kid,
  });

/** Any payload text, signed by the police node's real key (what a buggy peer could send). */
const signedText = (payload: string) =>
  signJws({
    payload: encode(payload),
    privateKey: police.exchange.signer.privateKey,
    kid: police.exchange.signer.kid,
  });

/** A compact JWS with this kid and payload and a signature of 64 random-looking bytes. */
const forged = (kid: string, payload: string) =>
  `${base64UrlEncode(JSON.stringify({ alg: 'EdDSA', kid }))}.${base64UrlEncode(payload)}.${base64UrlEncode(new Uint8Array(64).fill(7))}`;

function post(jws: unknown, remoteAddress = '127.0.0.1') {
  return judiciary.app.inject({
    method: 'POST',
    url: '/exchange/v1/messages',
    payload: { jws },
    remoteAddress,
  });
}

/** What `refused_messages` holds about these bytes. */
function recordOf(jws: string) {
  return judiciary.db
    .selectFrom('refused_messages')
    .select(['reason', 'from_node', 'kid', 'message_id', 'body_bytes', 'source_address', 'jws'])
    .where('body_sha256', '=', sha256Hex(encode(jws)))
    .execute();
}

/** Posts `jws`, expects it refused for `reason` with only a bounded record left, and gives the record. */
async function expectBounded(jws: string, reason: string) {
  const res = await post(jws);
  expect(res.statusCode).toBe(422);
  expect(res.json().error.code).toBe(reason);
  const records = await recordOf(jws);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({
    reason,
    jws: null,
    body_bytes: jws.length,
    source_address: '127.0.0.1',
  });
  const logged = await judiciary.db
    .selectFrom('evidence_log')
    .select('idx')
    .where('entry', '=', jws)
    .execute();
  expect(logged).toEqual([]);
  return records[0]!;
}

/** Posts `jws`, expects it refused for `reason` and kept whole, in `refused_messages` and the evidence log. */
async function expectKeptWhole(jws: string, reason: string) {
  const res = await post(jws);
  expect(res.statusCode).toBe(422);
  expect(res.json().error.code).toBe(reason);
  const kept = await judiciary.db
    .selectFrom('refused_messages')
    .select('reason')
    .where('jws', '=', jws)
    .execute();
  expect(kept).toEqual([{ reason }]);
  const logged = await judiciary.db
    .selectFrom('evidence_log')
    .select('kind')
    .where('entry', '=', jws)
    .execute();
  expect(logged).toEqual([{ kind: 'message.refused' }]);
}

beforeAll(async () => {
  ({ police, judiciary, station, office } = await startTwoNodes({
    clock,
    nodes: ['police-guard', 'judiciary-guard'],
    codes: ['KL-201', 'DA-21'],
    config: { exchange: { maxMessageBytes: 256 * 1024, refusalsPerMinute: LIMIT } },
  }));
});

// Each test starts a fresh minute: the refusals of one do not throttle the next.
beforeEach(() => clock.advance(60_000));

describe('the checks a message meets, in order, and what each refusal leaves', () => {
  it('refuses a body that is not a compact JWS as signature.malformed, keeping only its hash and size', async () => {
    const record = await expectBounded('not a JWS at all, just text', 'signature.malformed');
    expect(record).toMatchObject({ kid: null, from_node: null, message_id: null });
  });

  it('refuses a JWS whose payload names no sender node as message.malformed before its key is looked at', async () => {
    const jws = forged('no-such-key', JSON.stringify([1, 2, 3]));
    const record = await expectBounded(jws, 'message.malformed');
    expect(record).toMatchObject({ kid: 'no-such-key', from_node: null });
  });

  it('refuses a made-up key id as signature.unknown_key and records the claimed sender and kid', async () => {
    const payload = canonicalize(envelope());
    const record = await expectBounded(forged('made-up-kid', payload), 'signature.unknown_key');
    expect(record).toMatchObject({ kid: 'made-up-kid', from_node: police.exchange.nodeId });
  });

  it('refuses a real peer\u2019s key claimed by another node as signature.wrong_node, before the signature is checked', async () => {
    const payload = canonicalize(envelope({ from: { node: 'judiciary-guard', org: 'DA-21' } }));
    const record = await expectBounded(forged(police.exchange.signer.kid, payload), 'signature.wrong_node');
    expect(record).toMatchObject({ kid: police.exchange.signer.kid, from_node: 'judiciary-guard' });
  });

  it('refuses a trusted peer\u2019s message with a signature that does not verify as signature.invalid, bounded', async () => {
    const stranger = generateSigningKeyPair();
    const message = envelope();
    const { jws } = sealMessage({ envelope: message, privateKey: stranger.privateKey, kid: stranger.kid });
    const [header] = sealed().jws.split('.');
    const mixed = `${header}.${jws.split('.').slice(1).join('.')}`;
    const record = await expectBounded(mixed, 'signature.invalid');
    expect(record).toMatchObject({ from_node: police.exchange.nodeId, message_id: message.id });
  });

  it('keeps whole a payload signed by a trusted peer that is not an envelope (message.malformed)', async () => {
    await expectKeptWhole(
      signedText(JSON.stringify({ from: { node: police.exchange.nodeId } })),
      'message.malformed',
    );
  });

  it('keeps whole a trusted peer\u2019s envelope that is not in canonical form (message.not_canonical)', async () => {
    const { documents, ...rest } = envelope();
    const reordered = { documents, ...rest }; // canonical JSON sorts the keys: `documents` comes after `createdBy`
    await expectKeptWhole(signedText(JSON.stringify(reordered)), 'message.not_canonical');
  });

  it('keeps whole a trusted peer\u2019s message whose body does not fit its type (message.invalid_body)', async () => {
    await expectKeptWhole(sealed({ body: { note: '' } }).jws, 'message.invalid_body');
  });

  it('keeps whole a trusted peer\u2019s message addressed to another node (message.wrong_recipient)', async () => {
    await expectKeptWhole(
      sealed({ to: { node: 'elsewhere', org: office.code } }).jws,
      'message.wrong_recipient',
    );
  });

  it('keeps whole a message naming a document whose bytes here are not the ones announced (documents.hash_mismatch)', async () => {
    const bytes = Buffer.from('%PDF-1.4 held here\n');
    const held = await judiciary.blobs.put(Readable.from([bytes]), { maxBytes: 1000 });
    const doc = {
      sha256: held.sha256,
      size: held.size + 1,
      mediaType: 'application/pdf',
      name: 'a.pdf',
      kind: 'evidence',
    };
    await expectKeptWhole(sealed({ documents: [doc] }).jws, 'documents.hash_mismatch');
  });

  it('holds back a message whose earlier messages have not arrived (409 thread.gap) and keeps nothing', async () => {
    const { jws } = sealed({ thread: { seq: 2, prev: 'ab'.repeat(32) } });
    const res = await post(jws);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('thread.gap');
    expect(await recordOf(jws)).toEqual([]);
  });

  it('keeps whole a second first message of a thread already begun (thread.broken)', async () => {
    const first = sealed();
    expect((await post(first.jws)).statusCode).toBe(200);
    const caseRef = JSON.parse(first.canonical).caseRef as string;
    await expectKeptWhole(sealed({ caseRef }).jws, 'thread.broken');
  });

  it('answers a body that is not `{ jws }` 400 request.invalid and stores nothing', async () => {
    const before = await judiciary.db.selectFrom('refused_messages').select('id').execute();
    const res = await post(12345);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('request.invalid');
    expect(await judiciary.db.selectFrom('refused_messages').select('id').execute()).toHaveLength(
      before.length,
    );
  });

  it('answers an envelope over the message limit 413 message.too_large and stores nothing', async () => {
    const before = await judiciary.db.selectFrom('refused_messages').select('id').execute();
    const res = await post('x'.repeat(256 * 1024));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('message.too_large');
    expect(await judiciary.db.selectFrom('refused_messages').select('id').execute()).toHaveLength(
      before.length,
    );
  });
});

describe('throttling refused traffic', () => {
  const junk = (n: number) => forged(`junk-${n}`, canonicalize(envelope()));

  it('answers a source address 429 with Retry-After once it has had its refusals this minute, and records no more', async () => {
    for (let n = 0; n < LIMIT; n++) expect((await post(junk(n), '10.0.0.1')).statusCode).toBe(422);
    clock.advance(20_000);
    const throttled = await post(junk(LIMIT), '10.0.0.1');
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().error.code).toBe('message.rate_limited');
    expect(throttled.headers['retry-after']).toBe('40');
    expect(await recordOf(junk(LIMIT))).toEqual([]);
    // Throttled before its body is read: even an envelope over the limit gets 429, not 413.
    expect((await post('x'.repeat(256 * 1024), '10.0.0.1')).statusCode).toBe(429);
    const recorded = await judiciary.db
      .selectFrom('refused_messages')
      .select('id')
      .where('source_address', '=', '10.0.0.1')
      .execute();
    expect(recorded).toHaveLength(LIMIT);

    clock.advance(40_000);
    expect((await post(junk(LIMIT + 2), '10.0.0.1')).statusCode).toBe(422);
  });

  it('lets a real peer\u2019s valid message through at once while strangers claiming its id are throttled', async () => {
    // Strangers at several addresses claim to be the police node: its claimed-sender bucket fills up.
    const answers = [];
    for (let n = 0; n < 2 * LIMIT; n++) answers.push((await post(junk(100 + n), `10.0.1.${n}`)).statusCode);
    expect(answers).toEqual([...Array<number>(LIMIT).fill(422), ...Array<number>(LIMIT).fill(429)]);
    const throttled = await post(junk(200), '10.0.1.250');
    expect(throttled.statusCode).toBe(429);
    expect(await recordOf(junk(200))).toEqual([]);
    // The real police node, from its own address, is never counted: its message is accepted at once.
    const { jws } = sealed();
    const res = await post(jws, '10.0.2.1');
    expect(res.statusCode).toBe(200);
    expect(res.json().outcome).toBe('accepted');
  });

  it('never counts a trusted peer\u2019s accepted messages, however many it sends', async () => {
    for (let n = 0; n < 3 * LIMIT; n++) expect((await post(sealed().jws, '10.0.3.1')).statusCode).toBe(200);
    expect((await post(junk(300), '10.0.3.1')).statusCode).toBe(422);
  });
});

describe('who may learn whether this node holds a document', () => {
  let held: { sha256: string; size: number };

  beforeAll(async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10_000, 9)]);
    held = await judiciary.blobs.put(Readable.from([bytes]), { maxBytes: 1_000_000 });
  });

  const token = (node: TestNode, doc = held) =>
    signUploadToken(node.exchange.signer, { sha256: doc.sha256, size: doc.size, now: clock.now() });
  const head = (headers: Record<string, string> = {}, sha256 = held.sha256) =>
    fetch(`${judiciary.url}/exchange/v1/blobs/${sha256}`, { method: 'HEAD', headers });

  it('answers anyone without a valid upload token the 404 of a missing document', async () => {
    const missing = await head({}, 'ef'.repeat(32));
    expect(missing.status).toBe(404);
    const anonymous = await head();
    expect(anonymous.status).toBe(404);
    expect(await anonymous.text()).toBe(await missing.text());
    const stranger = generateSigningKeyPair();
    const forgedToken = signJws({
      payload: encode(
        canonicalize({ node: police.exchange.nodeId, sha256: held.sha256, size: held.size, exp: 2e9 }),
      ),
      privateKey: stranger.privateKey,
      kid: stranger.kid,
    });
    expect((await head({ 'x-casebridge-upload': forgedToken })).status).toBe(404);
    const get = await fetch(`${judiciary.url}/exchange/v1/blobs/${held.sha256}`);
    expect(get.status).toBe(404);
  });

  it('counts a token that does not verify as a refusal, but not a HEAD without one (as peers of earlier versions ask)', async () => {
    const ask = (remoteAddress: string, headers: Record<string, string> = {}) =>
      judiciary.app.inject({
        method: 'HEAD',
        url: `/exchange/v1/blobs/${held.sha256}`,
        headers,
        remoteAddress,
      });
    for (let n = 0; n < 2 * LIMIT; n++) expect((await ask('10.0.4.1')).statusCode).toBe(404);
    const bad = { 'x-casebridge-upload': 'not.a.token' };
    for (let n = 0; n < LIMIT; n++) expect((await ask('10.0.4.2', bad)).statusCode).toBe(404);
    expect((await ask('10.0.4.2', bad)).statusCode).toBe(429);
  });

  it('answers a trusted peer that neither uploaded the document nor is owed it the same 404', async () => {
    expect((await head({ 'x-casebridge-upload': token(police) })).status).toBe(404);
  });

  it('tells a trusted peer that it holds a document this peer uploaded, so the peer need not send it again', async () => {
    const bytes = Buffer.from('%PDF-1.4 uploaded by the police\n');
    const stored = await police.blobs.put(Readable.from([bytes]), { maxBytes: 1000 });
    const auth = { 'x-casebridge-upload': token(police, stored) };
    expect((await head(auth, stored.sha256)).status).toBe(404);
    const put = await fetch(`${judiciary.url}/exchange/v1/blobs/${stored.sha256}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', ...auth },
      body: bytes,
    });
    expect(put.status).toBe(201);
    expect((await head(auth, stored.sha256)).status).toBe(200);
  });

  it('stores again, and answers as for a new document, bytes it already held sent by a peer that may not know it', async () => {
    const bytes = Buffer.from('%PDF-1.4 held by the judiciary only\n');
    const mine = await judiciary.blobs.put(Readable.from([bytes]), { maxBytes: 1000 });
    const put = await fetch(`${judiciary.url}/exchange/v1/blobs/${mine.sha256}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', 'x-casebridge-upload': token(police, mine) },
      body: bytes,
    });
    expect(put.status).toBe(201);
    expect(await put.json()).toEqual({ sha256: mine.sha256, stored: true });
  });

  it('tells a trusted peer that it holds a document this node sent it a message about', async () => {
    await enqueueSupplement({
      from: judiciary,
      station: office,
      to: police,
      office: { code: station.code },
      caseRef: `case-${uuidv7()}`,
      documents: [held],
      now: clock.now(),
    });
    expect((await head({ 'x-casebridge-upload': token(police) })).status).toBe(200);
  });

  it('delivers a message with its document over HTTP, asking first with the upload token', async () => {
    const { stored, sent } = await enqueueWithDocument({
      from: police,
      station,
      to: judiciary,
      office,
      caseRef: `case-${uuidv7()}`,
      bytes: 20_000,
      now: clock.now(),
    });
    expect(await deliverAll({ db: police.db, clock, exchange: police.exchange })).toBeGreaterThanOrEqual(1);
    expect(await hasAccepted(judiciary, sent.id)).toBe(true);
    const uploads = await judiciary.db
      .selectFrom('blob_uploads')
      .select('node_id')
      .where('sha256', '=', stored.sha256)
      .execute();
    expect(uploads).toEqual([{ node_id: police.exchange.nodeId }]);
  });
});

describe('the envelope limit', () => {
  it('holds with room to spare a case file of 300 parties, 50 custody records, 500 documents and a long narrative', () => {
    const persian = (chars: number) =>
      'ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی '.repeat(Math.ceil(chars / 34)).slice(0, chars);
    const parties = Array.from({ length: 300 }, (_, i) => ({
      id: uuidv7(),
      role: i === 0 ? 'complainant' : 'accused',
      firstName: persian(30),
      lastName: persian(40),
      fatherName: persian(30),
      nationalId: '0012345678',
      passportNumber: null,
      nationality: 'IR',
      mobile: '09121234567',
      address: persian(300),
    }));
    const startedAt = clock.now().toISOString();
    const custody = parties
      .slice(0, 50)
      .map((p) => ({ id: uuidv7(), partyId: p.id, startedAt, endedAt: null, endReason: null }));
    const documents = Array.from({ length: 500 }, (_, i) => ({
      sha256: sha256Hex(encode(String(i))),
      size: 1_000_000,
      mediaType: 'application/pdf',
      name: `${persian(60)}-${i}.pdf`,
      kind: 'evidence',
    }));
    const body = {
      station: { code: station.code, nameFa: persian(80), nameEn: 'Station' },
      caseNumber: '1405-000123',
      origin: 'complaint',
      trackingCode: '123456789012',
      crimeCategoryCode: 'theft',
      incidentAt: startedAt,
      incidentProvinceCode: 'IR-23',
      incidentCountyCode: 'IR-23-TEHRAN',
      incidentAddress: persian(300),
      narrative: persian(20_000),
      accusedUnknown: false,
      parties,
      custody,
      openedAt: startedAt,
      approvedBy: persian(40),
    };
    const { jws } = sealed({ type: 'case.submitted', body, documents });
    const bytes = Buffer.byteLength(JSON.stringify({ jws }));
    console.info(`a large case file's envelope: ${bytes} bytes`);
    expect(bytes).toBeLessThan(loadConfig({}).exchange.maxMessageBytes / 2);
  });
});
