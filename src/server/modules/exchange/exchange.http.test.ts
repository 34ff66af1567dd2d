import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverAll } from '../../../../test/factories.js';
import { fixedClock } from '../../platform/clock.js';
import { sha256Hex } from '../../platform/crypto/hash.js';
import {
  addOrganisation,
  enqueueSupplement,
  introduce,
  startTestNode,
  type TestNode,
} from './http-nodes.fixture.js';
import { revokeKey } from './trust/trust.repository.js';

const clock = fixedClock('2026-11-28T10:00:00Z');

const deliverFrom = (node: TestNode) => deliverAll({ db: node.db, clock, exchange: node.exchange });

let police: TestNode;
let judiciary: TestNode;
let station: { id: string; code: string };
let office: { code: string };

function submit(caseRef: string, documents: { sha256: string; size: number }[] = []) {
  return enqueueSupplement({
    from: police,
    station,
    to: judiciary,
    office,
    caseRef,
    documents,
    now: clock.now(),
  });
}

/** A message with one PDF document stored at the police node (not sent yet), and its signed form. */
async function submitWithDocument(caseRef: string, fill: number) {
  const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(50_000, fill)]);
  const stored = await police.blobs.put(Readable.from([bytes]), { maxBytes: 10_000_000 });
  const sent = await submit(caseRef, [stored]);
  return { stored, sent, jws: await jwsSent(sent.id) };
}

/** The signed form of a message the police node sent. */
async function jwsSent(id: string): Promise<string> {
  const row = await police.db
    .selectFrom('messages')
    .select('jws')
    .where('direction', '=', 'out')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.jws;
}

/** Trusts the police key again (as an operator would after a mistaken revocation) and clears its queue. */
async function trustPoliceAgain() {
  await judiciary.db
    .updateTable('peer_keys')
    .set({ revoked_at: null })
    .where('kid', '=', police.exchange.signer.kid)
    .execute();
  await police.db.deleteFrom('outbox').execute();
}

describe('the exchange between two nodes over HTTP on loopback', () => {
  beforeAll(async () => {
    police = await startTestNode('police-test', clock);
    judiciary = await startTestNode('judiciary-test', clock);
    station = await addOrganisation(police, clock, 'KL-101', 'station');
    office = await addOrganisation(judiciary, clock, 'DA-04', 'prosecutor_office');
    await introduce(police, judiciary);
  });

  it('delivers a message with its document, streamed, and brings back the receiving node\u2019s receipt', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300_000, 7)]);
    const stored = await police.blobs.put(Readable.from([bytes]), { maxBytes: 10_000_000 });
    const sent = await submit('case-http-1', [stored]);
    expect(await deliverFrom(police)).toBe(1);
    const out = await police.db
      .selectFrom('messages')
      .selectAll()
      .where('direction', '=', 'out')
      .where('id', '=', sent.id)
      .executeTakeFirstOrThrow();
    expect(out.status).toBe('delivered');
    const inbound = await judiciary.db
      .selectFrom('messages')
      .selectAll()
      .where('direction', '=', 'in')
      .where('id', '=', sent.id)
      .executeTakeFirstOrThrow();
    expect(inbound.sha256).toBe(sent.sha256);
    expect(await judiciary.blobs.has(stored.sha256)).toBe(true);
  });

  it('keeps messages waiting while the receiver is down and delivers them in thread order when it is back', async () => {
    await judiciary.app.server.close();
    judiciary.app.server.closeAllConnections();
    const first = await submit('case-http-2');
    const second = await submit('case-http-2');
    expect(await deliverFrom(police)).toBe(1);
    const waiting = await police.db
      .selectFrom('outbox')
      .selectAll()
      .where('message_id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(waiting.last_error).toMatch(/^transport\.unreachable/);
    expect(waiting.next_attempt_at.getTime()).toBeGreaterThan(clock.now().getTime());
    expect(waiting.attempts).toBe(1);

    await new Promise<void>((resolve) => judiciary.app.server.listen(judiciary.port, '127.0.0.1', resolve));
    clock.advance(60_000);
    expect(await deliverFrom(police)).toBe(2);
    const arrived = await judiciary.db
      .selectFrom('messages')
      .select(['id', 'seq'])
      .where('direction', '=', 'in')
      .where('case_ref', '=', 'case-http-2')
      .orderBy('seq')
      .execute();
    expect(arrived.map((m) => m.id)).toEqual([first.id, second.id]);
  });

  it('refuses a message signed with a revoked key', async () => {
    await revokeKey(judiciary.db, police.exchange.signer.kid, clock.now());
    const sent = await submit('case-http-3');
    await deliverFrom(police);
    const waiting = await police.db
      .selectFrom('outbox')
      .selectAll()
      .where('message_id', '=', sent.id)
      .executeTakeFirstOrThrow();
    expect(waiting.last_error).toMatch(/^signature\.revoked_key/);
    const refused = await judiciary.db
      .selectFrom('refused_messages')
      .selectAll()
      .where('message_id', '=', sent.id)
      .execute();
    expect(refused[0]?.reason).toBe('signature.revoked_key');
    await trustPoliceAgain();
  });

  it('refuses, rather than holds back, a message with a missing document signed with a revoked key', async () => {
    const { sent, jws } = await submitWithDocument('case-http-3b', 7);
    await revokeKey(judiciary.db, police.exchange.signer.kid, clock.now());
    try {
      const res = await judiciary.app.inject({
        method: 'POST',
        url: '/exchange/v1/messages',
        payload: { jws },
      });
      expect(res.json().error.code).toBe('signature.revoked_key');
      const refused = await judiciary.db
        .selectFrom('refused_messages')
        .select('reason')
        .where('message_id', '=', sent.id)
        .execute();
      expect(refused).toEqual([{ reason: 'signature.revoked_key' }]);
    } finally {
      await trustPoliceAgain();
    }
  });
});

describe('what a receiving node refuses or holds back', () => {
  it('holds back a message whose document has not arrived, and accepts it once the document arrives whole', async () => {
    const { stored, sent, jws } = await submitWithDocument('case-http-4', 3);
    const early = await judiciary.app.inject({
      method: 'POST',
      url: '/exchange/v1/messages',
      payload: { jws },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({
      code: 'documents.missing',
      details: { missing: [stored.sha256] },
    });
    expect(
      await judiciary.db.selectFrom('messages').select('id').where('id', '=', sent.id).execute(),
    ).toHaveLength(0);

    await deliverFrom(police);
    expect(
      await judiciary.db
        .selectFrom('messages')
        .select('id')
        .where('direction', '=', 'in')
        .where('id', '=', sent.id)
        .execute(),
    ).toHaveLength(1);
  });

  it('refuses document bytes that do not hash to the announced SHA-256 and keeps nothing', async () => {
    const claimed = 'ab'.repeat(32);
    const { signUploadToken } = await import('./transport/upload-token.policy.js');
    const token = signUploadToken(police.exchange.signer, { sha256: claimed, size: 5, now: clock.now() });
    const res = await fetch(`${judiciary.url}/exchange/v1/blobs/${claimed}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', 'x-casebridge-upload': token },
      body: 'hello',
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('documents.hash_mismatch');
    expect(await judiciary.blobs.has(claimed)).toBe(false);
  });

  it('refuses a document upload without a valid token from a trusted node', async () => {
    const res = await fetch(`${judiciary.url}/exchange/v1/blobs/${'cd'.repeat(32)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: 'x',
    });
    expect(res.status).toBe(401);
  });

  it('refuses a message from a node it does not know', async () => {
    const { generateSigningKeyPair } = await import('../../platform/crypto/signing.js');
    const { sealMessage } = await import('../../platform/crypto/message-signing.js');
    const { uuidv7 } = await import('../../../domain/messages/envelope.js');
    const stranger = generateSigningKeyPair();
    const sealed = sealMessage({
      privateKey: stranger.privateKey,
      kid: stranger.kid,
      envelope: {
        id: uuidv7(),
        type: 'case.supplemented',
        from: { node: 'stranger', org: 'KL-999' },
        to: { node: judiciary.exchange.nodeId, org: office.code },
        caseRef: 'case-x',
        thread: { prev: null, seq: 1 },
        createdAt: clock.now().toISOString(),
        createdBy: 'x',
        body: { note: 'x', answers: null, parties: [] },
        documents: [],
      },
    });
    const res = await judiciary.app.inject({
      method: 'POST',
      url: '/exchange/v1/messages',
      payload: { jws: sealed.jws },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('signature.unknown_key');
    expect(
      await judiciary.db
        .selectFrom('refused_messages')
        .select(['reason', 'from_node', 'kid', 'source_address', 'jws'])
        .where('body_sha256', '=', sha256Hex(new TextEncoder().encode(sealed.jws)))
        .execute(),
    ).toEqual([
      {
        reason: 'signature.unknown_key',
        from_node: 'stranger',
        kid: stranger.kid,
        source_address: '127.0.0.1',
        jws: null,
      },
    ]);
  });

  it('refuses a message whose body was changed by one byte after signing', async () => {
    await police.db.deleteFrom('outbox').execute();
    const jws = await jwsSent((await submit('case-http-5')).id);
    const [header, payload, signature] = jws.split('.') as [string, string, string];
    const body = Buffer.from(payload, 'base64url').toString('utf8').replace('پیوست', 'پیوسد');
    const tampered = `${header}.${Buffer.from(body).toString('base64url')}.${signature}`;
    const res = await judiciary.app.inject({
      method: 'POST',
      url: '/exchange/v1/messages',
      payload: { jws: tampered },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('signature.invalid');
  });
});
