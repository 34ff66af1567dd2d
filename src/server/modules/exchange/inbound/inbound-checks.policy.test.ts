import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeExchangeParties,
  registrationMessage,
  TEST_NODE_ID,
  useTestExchange,
} from '../../../../../test/exchange.js';
import { useTestDatabase } from '../../../../../test/db.js';
import { uuidv7, type MessageDocument, type MessageEnvelope } from '../../../../domain/messages/envelope.js';
import { inTransaction } from '../../../db/transaction.js';
import type { BlobStore } from '../../../platform/blob-store/blob-store.js';
import { sealMessage } from '../../../platform/crypto/message-signing.js';
import { exportPublicJwk, generateSigningKeyPair } from '../../../platform/crypto/signing.js';
import { acceptChecked } from './accept-message.usecase.js';
import type { Exchange } from '../exchange.usecase.js';
import { checkInbound } from './inbound-checks.policy.js';
import { enqueueMessage } from '../outbound/enqueue-message.usecase.js';
import type { InboundMessage } from './message-handlers.ports.js';
import type { ReceiveDeps } from './inbound.ports.js';
import { receiveMessage, receiveMessages } from './receive-message.usecase.js';
import { revokeKey } from '../trust/trust.repository.js';

const { db } = await useTestDatabase();
const NOW = new Date('2026-06-01T10:00:00.000Z');
let exchange: Exchange;
let blobs: BlobStore;
let blobRoot: string;
let station: { id: string; code: string };
let office: { id: string; code: string };
let receiver: ReceiveDeps;
/** What the `intake.registered` handler was given, by message id. */
const handled = new Map<string, InboundMessage>();

type Key = { kid: string; privateKey: ReturnType<typeof generateSigningKeyPair>['privateKey'] };

/** A key of another node, trusted by this one. */
async function trustedPeerKey(nodeId: string): Promise<Key> {
  const pair = generateSigningKeyPair();
  await db
    .insertInto('peers')
    .values({ node_id: nodeId, base_url: null })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('peer_keys')
    .values({ kid: pair.kid, node_id: nodeId, public_jwk: JSON.stringify(exportPublicJwk(pair.publicKey)) })
    .execute();
  return pair;
}

/** An `intake.registered` from the office to the station, first of its thread unless told otherwise. */
function envelopeOf(caseRef: string, changes: Partial<MessageEnvelope> = {}): MessageEnvelope {
  return {
    id: uuidv7(),
    type: 'intake.registered',
    from: { node: TEST_NODE_ID, org: office.code },
    to: { node: TEST_NODE_ID, org: station.code },
    caseRef,
    thread: { prev: null, seq: 1 },
    createdAt: NOW.toISOString(),
    createdBy: 'clerk',
    body: {
      fileNumber: '1405-77',
      branch: 'شعبه ۲',
      assignedJudge: 'دادیار رضایی',
      registeredAt: NOW.toISOString(),
    },
    documents: [],
    ...changes,
  };
}

const sign = (envelope: MessageEnvelope, key: Key = exchange.signer) =>
  sealMessage({ envelope, privateKey: key.privateKey, kid: key.kid });

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A document stored as it should be. */
async function storedDocument(text: string): Promise<MessageDocument> {
  const stored = await blobs.put(Readable.from([Buffer.from(text)]), { maxBytes: 1_000_000 });
  return {
    sha256: stored.sha256,
    size: stored.size,
    mediaType: 'application/pdf',
    name: 'doc.pdf',
    kind: 'report',
  };
}

/** A document declared with the hash of `declared`, whose stored bytes are `stored` instead. */
async function corruptDocument(declared: string, stored: string): Promise<MessageDocument> {
  const hash = sha256(Buffer.from(declared));
  const file = path.join(blobRoot, hash.slice(0, 2), hash.slice(2, 4), hash);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, stored);
  return {
    sha256: hash,
    size: Buffer.byteLength(declared),
    mediaType: 'application/pdf',
    name: 'x.pdf',
    kind: 'report',
  };
}

/** A document that is declared but not (yet) in the store. */
function absentDocument(text: string): MessageDocument {
  return {
    sha256: sha256(Buffer.from(text)),
    size: text.length,
    mediaType: 'text/plain',
    name: 'a.txt',
    kind: 'report',
  };
}

/** The refusal records of what was sent: kept whole (a verified message) or bounded (found by its hash). */
const refusedRows = (jws: string) =>
  db
    .selectFrom('refused_messages')
    .select(['received_at', 'from_node', 'message_id', 'reason', 'detail'])
    .where((eb) =>
      eb.or([eb('jws', '=', jws), eb('body_sha256', '=', createHash('sha256').update(jws).digest('hex'))]),
    )
    .execute();

const evidenceOf = (ref: string) =>
  db
    .selectFrom('evidence_log')
    .select(['kind', 'ref', 'case_ref', 'entry', 'at'])
    .where('ref', '=', ref)
    .orderBy('idx')
    .execute();

/** The payload of a compact JWS, parsed. */
const payloadOf = (jws: string) => JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8'));

describe('the checks an inbound message goes through', () => {
  beforeAll(async () => {
    let dataDir: string;
    ({ exchange, blobs, dataDir } = await useTestExchange(db));
    blobRoot = path.join(dataDir, 'blobs');
    ({ station, office } = await makeExchangeParties(db));
    receiver = {
      ...exchange.receiver,
      now: () => new Date(NOW),
      handlers: {
        'intake.registered': async (message) => {
          handled.set(message.envelope.id, message as InboundMessage);
        },
      },
    };
  });

  it('refuses what is not a signed message at all, keeping only a bounded record of it', async () => {
    const jws = 'not-a-jws';
    expect(await receiveMessage(receiver, jws)).toEqual({
      outcome: 'refused',
      reason: 'signature.malformed',
    });
    expect(await refusedRows(jws)).toEqual([
      { received_at: NOW, from_node: null, message_id: null, reason: 'signature.malformed', detail: null },
    ]);
    const kept = await db
      .selectFrom('evidence_log')
      .select(['kind', 'ref', 'case_ref', 'at'])
      .where('entry', '=', jws)
      .execute();
    expect(kept).toEqual([]); // anyone's bytes: not evidence
  });

  it('refuses a message signed with a key no trusted node has', async () => {
    const stranger = generateSigningKeyPair();
    const { jws } = sign(envelopeOf('in-unknown-key'), stranger);
    expect(await receiveMessage(receiver, jws)).toEqual({
      outcome: 'refused',
      reason: 'signature.unknown_key',
    });
  });

  it('refuses a message signed with a trusted key of another node than the one it says it is from', async () => {
    const other = await trustedPeerKey('node-other');
    const envelope = envelopeOf('in-wrong-node');
    const { jws } = sign(envelope, other);
    expect(await receiveMessage(receiver, jws)).toEqual({
      outcome: 'refused',
      reason: 'signature.wrong_node',
    });
    expect(await refusedRows(jws)).toEqual([
      {
        received_at: NOW,
        from_node: TEST_NODE_ID,
        message_id: envelope.id,
        reason: 'signature.wrong_node',
        detail: null,
      },
    ]);
    expect(await evidenceOf(envelope.id)).toEqual([]); // its signature never verified for its sender
  });

  it('refuses a body that does not fit its type’s schema, naming each field that does not', async () => {
    const flat = envelopeOf('in-bad-body', {
      body: { fileNumber: '', branch: 'شعبه ۲', assignedJudge: 'دادیار رضایی', registeredAt: 'yesterday' },
    });
    const { jws } = sign(flat);
    expect(await receiveMessage(receiver, jws)).toEqual({
      outcome: 'refused',
      reason: 'message.invalid_body',
    });
    expect(await refusedRows(jws)).toMatchObject([{ detail: 'fileNumber,registeredAt' }]);

    const nested = envelopeOf('in-bad-nested-body', {
      type: 'intake.returned',
      body: { deficiencies: [{ code: 'rejection.duplicate', text: '' }], returnedAt: NOW.toISOString() },
    });
    const sealed = sign(nested);
    expect(await receiveMessage(receiver, sealed.jws)).toEqual({
      outcome: 'refused',
      reason: 'message.invalid_body',
    });
    expect(await refusedRows(sealed.jws)).toMatchObject([{ detail: 'deficiencies.0.code' }]);
  });

  it('refuses a message addressed to another node', async () => {
    const envelope = envelopeOf('in-other-node', { to: { node: 'node-elsewhere', org: station.code } });
    const { jws } = sign(envelope);
    expect(await receiveMessage(receiver, jws)).toEqual({
      outcome: 'refused',
      reason: 'message.wrong_recipient',
    });
    expect(await refusedRows(jws)).toMatchObject([
      { message_id: envelope.id, reason: 'message.wrong_recipient' },
    ]);
  });

  it('re-hashes every stored document: one whose bytes differ from its declared hash is refused, naming it', async () => {
    const good = await storedDocument('the real statement');
    const bad = await corruptDocument('the signed report', 'a forged report');
    const envelope = envelopeOf('in-corrupt', { documents: [good, bad] });
    const { jws } = sign(envelope);
    expect(await receiveMessage(receiver, jws)).toEqual({
      outcome: 'refused',
      reason: 'documents.hash_mismatch',
    });
    expect(await refusedRows(jws)).toMatchObject([{ reason: 'documents.hash_mismatch', detail: bad.sha256 }]);
    const stored = await db.selectFrom('messages').select('id').where('id', '=', envelope.id).execute();
    expect(stored).toEqual([]);
  });

  it('refuses a document of the right bytes whose declared size is wrong', async () => {
    const doc = await storedDocument('sized statement');
    const { jws } = sign(envelopeOf('in-wrong-size', { documents: [{ ...doc, size: doc.size + 1 }] }));
    expect(await receiveMessage(receiver, jws)).toEqual({
      outcome: 'refused',
      reason: 'documents.hash_mismatch',
    });
    expect(await refusedRows(jws)).toMatchObject([{ detail: doc.sha256 }]);
  });

  it('names every corrupt document, and refuses even when another is still missing', async () => {
    const first = await corruptDocument('report one', 'forged one');
    const second = await corruptDocument('report two', 'forged two');
    const missing = absentDocument('never sent');
    const { jws } = sign(envelopeOf('in-two-corrupt', { documents: [first, missing, second] }));
    expect(await receiveMessage(receiver, jws)).toEqual({
      outcome: 'refused',
      reason: 'documents.hash_mismatch',
    });
    expect(await refusedRows(jws)).toMatchObject([{ detail: `${first.sha256},${second.sha256}` }]);
  });

  it('answers "not yet" for documents not in the store, names them, keeps nothing, and accepts once they arrive', async () => {
    const present = await storedDocument('present page');
    const absent = absentDocument('late page');
    const envelope = envelopeOf('in-missing', { documents: [present, absent] });
    const { jws } = sign(envelope);
    expect(await receiveMessage(receiver, jws)).toEqual({
      outcome: 'incomplete',
      reason: 'documents.missing',
      missing: [absent.sha256],
    });
    expect(await refusedRows(jws)).toEqual([]);
    await blobs.put(Readable.from([Buffer.from('late page')]), { maxBytes: 1000 });
    expect(await receiveMessage(receiver, jws)).toMatchObject({ outcome: 'accepted' });
  });

  it('refuses, rather than waits for, the missing documents of a message signed with a revoked key', async () => {
    const peer = await trustedPeerKey('node-revoked');
    const envelope = envelopeOf('in-revoked-missing', {
      from: { node: 'node-revoked', org: office.code },
      documents: [absentDocument('never coming')],
    });
    const { jws } = sign(envelope, peer);
    await revokeKey(db, peer.kid, NOW);
    expect(await receiveMessage(receiver, jws)).toEqual({
      outcome: 'refused',
      reason: 'signature.revoked_key',
    });
  });

  it('refuses a complete message whose key was revoked after its checks, when it is accepted', async () => {
    const peer = await trustedPeerKey('node-revoked-later');
    const envelope = envelopeOf('in-revoked-later', {
      from: { node: 'node-revoked-later', org: office.code },
    });
    const checked = await checkInbound(receiver, sign(envelope, peer).jws);
    expect(checked).toMatchObject({ kid: peer.kid, envelope: { id: envelope.id } });
    if (!('kid' in checked)) throw new Error('expected the checks to pass');
    await revokeKey(db, peer.kid, NOW);
    const outcome = await inTransaction(db, (tx) => acceptChecked(tx, receiver, checked, NOW));
    expect(outcome).toEqual({ refuse: 'signature.revoked_key' });
    const { jws } = sign(
      envelopeOf('in-revoked-later-2', { from: { node: 'node-revoked-later', org: office.code } }),
      peer,
    );
    expect(await receiveMessage(receiver, jws)).toEqual({
      outcome: 'refused',
      reason: 'signature.revoked_key',
    });
    expect(await refusedRows(jws)).toMatchObject([{ reason: 'signature.revoked_key' }]);
  });

  it('accepts a message with intact documents: stores it, hands its parsed body to its handler, signs a receipt listing the documents, logs both', async () => {
    const doc = await storedDocument('the complete file');
    const envelope = envelopeOf('in-accepted', { documents: [doc] });
    const sealed = sign(envelope);
    const told: unknown[] = [];
    const outcome = await receiveMessage(receiver, sealed.jws, {
      onAccepted: async (_tx, accepted) => {
        told.push(accepted);
      },
    });
    expect(outcome).toMatchObject({ outcome: 'accepted' });
    if (outcome.outcome !== 'accepted') throw new Error('expected accepted');
    expect(payloadOf(outcome.receiptJws)).toEqual({
      type: 'receipt.delivery',
      messageId: envelope.id,
      messageSha256: sealed.sha256,
      receiver: { node: TEST_NODE_ID, org: station.code },
      receivedAt: NOW.toISOString(),
      documentsVerified: [doc.sha256],
    });
    expect(told).toEqual([{ caseRef: 'in-accepted', receiptJws: outcome.receiptJws, at: NOW }]);
    const row = await db
      .selectFrom('messages')
      .select(['org_id', 'status', 'sha256', 'jws', 'receipt_jws', 'seq', 'prev_hash'])
      .where('direction', '=', 'in')
      .where('id', '=', envelope.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      org_id: station.id,
      status: 'accepted',
      sha256: sealed.sha256,
      jws: sealed.jws,
      receipt_jws: outcome.receiptJws,
      seq: 1,
      prev_hash: null,
    });
    const seen = handled.get(envelope.id);
    expect(seen?.envelope.body).toEqual(envelope.body);
    expect(seen).toMatchObject({ sha256: sealed.sha256, now: NOW, recipient: { id: station.id } });
    expect(await evidenceOf(envelope.id)).toEqual([
      { kind: 'message.received', ref: envelope.id, case_ref: 'in-accepted', entry: sealed.jws, at: NOW },
      {
        kind: 'receipt.issued',
        ref: envelope.id,
        case_ref: 'in-accepted',
        entry: outcome.receiptJws,
        at: NOW,
      },
    ]);
  });

  it('answers a message ahead of its thread "not yet", and refuses one that forks it', async () => {
    const first = sign(envelopeOf('in-thread'));
    expect(await receiveMessage(receiver, first.jws)).toMatchObject({ outcome: 'accepted' });
    const third = sign(envelopeOf('in-thread', { thread: { seq: 3, prev: first.sha256 } }));
    expect(await receiveMessage(receiver, third.jws)).toEqual({
      outcome: 'incomplete',
      reason: 'thread.gap',
    });
    const fork = sign(envelopeOf('in-thread', { thread: { seq: 1, prev: null } }));
    expect(await receiveMessage(receiver, fork.jws)).toEqual({ outcome: 'refused', reason: 'thread.broken' });
    const wrongPrev = sign(envelopeOf('in-thread', { thread: { seq: 2, prev: 'a'.repeat(64) } }));
    expect(await receiveMessage(receiver, wrongPrev.jws)).toEqual({
      outcome: 'refused',
      reason: 'thread.broken',
    });
    const second = sign(envelopeOf('in-thread', { thread: { seq: 2, prev: first.sha256 } }));
    expect(await receiveMessage(receiver, second.jws)).toMatchObject({ outcome: 'accepted' });
  });

  it('receives a claim of several messages in order: accepted, refused, not yet, each with its own outcome', async () => {
    const good = sign(envelopeOf('in-batch-a'));
    const refusedEnvelope = envelopeOf('in-batch-b', { to: { node: TEST_NODE_ID, org: 'NO-SUCH-ORG' } });
    const refused = sign(refusedEnvelope);
    const waiting = sign(envelopeOf('in-batch-c', { thread: { seq: 2, prev: 'b'.repeat(64) } }));
    const bad = 'garbage';
    const outcomes = await receiveMessages(receiver, [
      { jws: good.jws },
      { jws: refused.jws },
      { jws: waiting.jws },
      { jws: bad },
    ]);
    expect(outcomes).toMatchObject([
      { outcome: 'accepted' },
      { outcome: 'refused', reason: 'message.wrong_recipient' },
      { outcome: 'incomplete', reason: 'thread.gap' },
      { outcome: 'refused', reason: 'signature.malformed' },
    ]);
    expect(await refusedRows(refused.jws)).toMatchObject([
      { reason: 'message.wrong_recipient', message_id: refusedEnvelope.id, from_node: TEST_NODE_ID },
    ]);
    expect(await refusedRows(bad)).toHaveLength(1);
  });

  it('answers a repeat in a claim with the first receipt, and runs the handler once', async () => {
    const once = sign(envelopeOf('in-batch-repeat'));
    const [first] = await receiveMessages(receiver, [{ jws: once.jws }]);
    const [again] = await receiveMessages(receiver, [{ jws: once.jws }]);
    expect(first).toMatchObject({ outcome: 'accepted' });
    expect(again).toEqual({ outcome: 'duplicate', receiptJws: (first as { receiptJws: string }).receiptJws });
  });
  it('fails, rather than refuses or waits, when the store cannot be read: nothing is kept', async () => {
    const doc = await storedDocument('a page on a failing disk');
    const { jws } = sign(envelopeOf('in-disk-error', { documents: [doc] }));
    const broken: ReceiveDeps = {
      ...receiver,
      blobs: { ...blobs, digest: () => Promise.reject(new Error('EIO: i/o error')) },
    };
    await expect(receiveMessage(broken, jws)).rejects.toThrow('EIO');
    expect(await refusedRows(jws)).toEqual([]);
    expect(await receiveMessage(receiver, jws)).toMatchObject({ outcome: 'accepted' });
  });
  it('locks one thread at a time: a message of another thread is accepted while one is being accepted', async () => {
    const checked = await checkInbound(receiver, sign(envelopeOf('in-locked-a')).jws);
    if (!('kid' in checked)) throw new Error('expected the checks to pass');
    const other = sign(envelopeOf('in-locked-b'));
    const outcome = await inTransaction(db, async (tx) => {
      await acceptChecked(tx, receiver, checked, NOW); // holds thread a's lock until this transaction ends
      const timeout = new Promise((resolve) => setTimeout(() => resolve('blocked'), 10_000));
      return Promise.race([receiveMessage(receiver, other.jws), timeout]);
    });
    expect(outcome).toMatchObject({ outcome: 'accepted' });
  });

  it('keeps a received thread’s lock apart from the same thread’s lock as a sender', async () => {
    const checked = await checkInbound(receiver, sign(envelopeOf('in-locked-c')).jws);
    if (!('kid' in checked)) throw new Error('expected the checks to pass');
    const outcome = await inTransaction(db, async (tx) => {
      await acceptChecked(tx, receiver, checked, NOW);
      const sending = db.transaction().execute((sender) =>
        enqueueMessage(sender, {
          signer: exchange.signer,
          message: registrationMessage({ exchange, office, station, caseRef: 'in-locked-c' }),
          now: NOW,
        }),
      );
      const timeout = new Promise((resolve) => setTimeout(() => resolve('blocked'), 10_000));
      return Promise.race([sending, timeout]);
    });
    expect(outcome).toMatchObject({ seq: 1 });
  });
  it('refuses a different message under an id already accepted, in its thread or as the first of another', async () => {
    const original = envelopeOf('in-id-taken');
    expect(await receiveMessage(receiver, sign(original).jws)).toMatchObject({ outcome: 'accepted' });
    const sameThread = sign({ ...original, createdBy: 'someone else' });
    expect(await receiveMessage(receiver, sameThread.jws)).toEqual({
      outcome: 'refused',
      reason: 'message.id_conflict',
    });
    expect(await refusedRows(sameThread.jws)).toMatchObject([{ reason: 'message.id_conflict' }]);
    const otherThread = sign({ ...original, caseRef: 'in-id-taken-2' });
    expect(await receiveMessage(receiver, otherThread.jws)).toEqual({
      outcome: 'refused',
      reason: 'message.id_conflict',
    });
    expect(await refusedRows(otherThread.jws)).toMatchObject([{ reason: 'message.id_conflict' }]);
  });

  it('when a handler fails in a claim, receives each message on its own: the others are accepted, the error told', async () => {
    const picky: ReceiveDeps = {
      ...receiver,
      handlers: {
        'intake.registered': async ({ envelope }) => {
          if (envelope.caseRef === 'in-claim-2') throw new Error('the handler failed');
        },
      },
    };
    const told: string[] = [];
    const items = ['in-claim-1', 'in-claim-2', 'in-claim-3'].map((caseRef) => ({
      jws: sign(envelopeOf(caseRef)).jws,
      onAccepted: async (_tx: unknown, accepted: { caseRef: string }) => {
        told.push(accepted.caseRef);
      },
    }));
    await expect(receiveMessages(picky, items)).rejects.toThrow('the handler failed');
    const stored = async () =>
      (
        await db
          .selectFrom('messages')
          .select('case_ref')
          .where('direction', '=', 'in')
          .where('case_ref', 'like', 'in-claim-%')
          .orderBy('case_ref')
          .execute()
      ).map((r) => r.case_ref);
    // the failure is told as soon as it happens; the others' transactions may still be committing
    await expect.poll(stored).toEqual(['in-claim-1', 'in-claim-3']);
    // told inside each accepting transaction: the first, for the lot, was rolled back
    expect([...new Set(told)].sort()).toEqual(['in-claim-1', 'in-claim-3']);
    expect(await refusedRows(items[1]!.jws)).toEqual([]);
  });
  it('accepts the messages of a claim that pass their checks in one transaction, beside those that do not', async () => {
    const good = ['in-one-tx-1', 'in-one-tx-2', 'in-one-tx-3'].map((caseRef) => sign(envelopeOf(caseRef)));
    const outcomes = await receiveMessages(receiver, [
      { jws: good[0]!.jws },
      { jws: 'garbage' },
      { jws: good[1]!.jws },
      { jws: good[2]!.jws },
    ]);
    expect(outcomes.map((o) => o.outcome)).toEqual(['accepted', 'refused', 'accepted', 'accepted']);
    const rows = await db
      .selectFrom('messages')
      .select(sql<string>`xmin::text`.as('tx'))
      .where('direction', '=', 'in')
      .where('case_ref', 'like', 'in-one-tx-%')
      .execute();
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.tx)).size).toBe(1);
  });
});
