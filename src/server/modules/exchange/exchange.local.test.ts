import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { deliverAll, makeJurisdiction, registrationMessage } from '../../../../test/factories.js';
import { uuidv7, type MessageEnvelope } from '../../../domain/messages/envelope.js';
import type { Db } from '../../db/client.js';
import { systemClock } from '../../platform/clock.js';
import { sha256Hex } from '../../platform/crypto/hash.js';
import { sealMessage } from '../../platform/crypto/message-signing.js';
import { createLogger } from '../../platform/logger.js';
import { deliverDue, startDeliveryWorker, type DeliveredMessage } from './outbound/delivery.worker.js';
import type { Exchange } from './exchange.usecase.js';
import { createLocalTransport } from './transport/local-transport.usecase.js';
import { enqueueMessage } from './outbound/enqueue-message.usecase.js';
import { receiveMessage } from './inbound/receive-message.usecase.js';

const { db } = await useTestDatabase();
let exchange: Exchange;
let station: { id: string; code: string };
let office: { id: string; code: string };

async function send(database: Db, caseRef: string) {
  return database.transaction().execute((tx) =>
    enqueueMessage(tx, {
      signer: exchange.signer,
      message: registrationMessage({ exchange, office, station, caseRef }),
      now: new Date(),
    }),
  );
}

const deliver = () => deliverAll({ db, clock: systemClock, exchange });

/** Signs `envelope` with the node's key, receives it, and expects it refused for `reason` and kept as evidence. */
async function expectRefusedAndKept(envelope: MessageEnvelope, reason: string) {
  const { jws } = sealMessage({ envelope, privateKey: exchange.signer.privateKey, kid: exchange.signer.kid });
  expect(await receiveMessage(exchange.receiver, jws)).toEqual({ outcome: 'refused', reason });
  const kept = await db.selectFrom('refused_messages').select('reason').where('jws', '=', jws).execute();
  expect(kept).toEqual([{ reason }]);
}

/** Sends a message, delivers it, and gives its envelope as sent. */
async function sendAndDeliver(caseRef: string) {
  const sent = await send(db, caseRef);
  await deliver();
  const { envelope } = await db
    .selectFrom('messages')
    .select('envelope')
    .where('direction', '=', 'out')
    .where('id', '=', sent.id)
    .executeTakeFirstOrThrow();
  return { sent, original: envelope as MessageEnvelope };
}

describe('the exchange between two organisations of one node', () => {
  beforeAll(async () => {
    ({ exchange } = await useTestApp(db));
    ({ station, office } = await makeJurisdiction(db));
  });

  it('delivers a queued message and records the receiver\u2019s signed receipt', async () => {
    const sent = await send(db, 'case-a');
    expect(await deliver()).toBe(1);
    const out = await db
      .selectFrom('messages')
      .selectAll()
      .where('direction', '=', 'out')
      .where('id', '=', sent.id)
      .executeTakeFirstOrThrow();
    expect(out.status).toBe('delivered');
    expect(out.receipt_jws).toBeTruthy();
    const inbound = await db
      .selectFrom('messages')
      .selectAll()
      .where('direction', '=', 'in')
      .where('id', '=', sent.id)
      .executeTakeFirstOrThrow();
    expect(inbound.org_id).toBe(station.id);
    expect(inbound.sha256).toBe(sent.sha256);
    expect(
      await db.selectFrom('outbox').selectAll().where('message_id', '=', sent.id).execute(),
    ).toHaveLength(0);
  });

  it('answers a repeat with the very same receipt and keeps one record', async () => {
    const sent = await send(db, 'case-b');
    await deliver();
    const out = await db
      .selectFrom('messages')
      .select(['jws', 'receipt_jws'])
      .where('direction', '=', 'out')
      .where('id', '=', sent.id)
      .executeTakeFirstOrThrow();
    const again = await receiveMessage(exchange.receiver, out.jws);
    expect(again).toEqual({ outcome: 'duplicate', receiptJws: out.receipt_jws });
    expect(
      await db
        .selectFrom('messages')
        .select('id')
        .where('direction', '=', 'in')
        .where('id', '=', sent.id)
        .execute(),
    ).toHaveLength(1);
  });

  it('numbers a case\u2019s thread and chains each message to the previous one\u2019s hash', async () => {
    const first = await send(db, 'case-c');
    const second = await send(db, 'case-c');
    expect(second.seq).toBe(first.seq + 1);
    await deliver();
    const rows = await db
      .selectFrom('messages')
      .select(['seq', 'prev_hash', 'sha256'])
      .where('direction', '=', 'in')
      .where('case_ref', '=', 'case-c')
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.seq)).toEqual([1, 2]);
    expect(rows[1]?.prev_hash).toBe(rows[0]?.sha256);
  });

  it('refuses another message under an id already accepted, in its thread or another, and keeps it as evidence', async () => {
    const { sent, original } = await sendAndDeliver('case-g');
    /** Another message under the same id, signed by the sender's key; refused, and kept as evidence. */
    const expectConflict = (changed: Partial<MessageEnvelope>) =>
      expectRefusedAndKept({ ...original, ...changed }, 'message.id_conflict');
    await expectConflict({ body: { ...(original.body as object), fileNumber: '1405-999' } }); // in its thread
    await expectConflict({ caseRef: 'case-h', thread: { seq: 1, prev: null } }); // as the first of another
    const stored = await db
      .selectFrom('messages')
      .select('case_ref')
      .where('direction', '=', 'in')
      .where('id', '=', sent.id)
      .execute();
    expect(stored).toEqual([{ case_ref: 'case-g' }]);
  });

  it('refuses a message with a flipped byte in its signature and keeps only a bounded record of it', async () => {
    const sent = await send(db, 'case-d');
    const { jws } = await db
      .selectFrom('messages')
      .select('jws')
      .where('direction', '=', 'out')
      .where('id', '=', sent.id)
      .executeTakeFirstOrThrow();
    const last = jws.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${jws.slice(0, -2)}${last}${jws.at(-1)}`;
    const result = await receiveMessage(exchange.receiver, tampered);
    expect(result).toEqual({ outcome: 'refused', reason: 'signature.invalid' });
    const kept = await db
      .selectFrom('refused_messages')
      .select(['reason', 'from_node', 'message_id', 'kid', 'body_bytes', 'jws'])
      .where('body_sha256', '=', sha256Hex(new TextEncoder().encode(tampered)))
      .execute();
    expect(kept).toEqual([
      {
        reason: 'signature.invalid',
        from_node: exchange.nodeId,
        message_id: sent.id,
        kid: exchange.signer.kid,
        body_bytes: tampered.length,
        jws: null,
      },
    ]);
    const logged = await db.selectFrom('evidence_log').select('idx').where('entry', '=', tampered).execute();
    expect(logged).toEqual([]);
  });

  it('refuses a message for an organisation this node does not host, and keeps it as evidence', async () => {
    const { original } = await sendAndDeliver('case-r');
    await expectRefusedAndKept(
      { ...original, id: uuidv7(), caseRef: 'case-r2', to: { node: original.to.node, org: 'NO-SUCH-ORG' } },
      'message.wrong_recipient',
    );
    const stored = await db.selectFrom('messages').select('id').where('case_ref', '=', 'case-r2').execute();
    expect(stored).toEqual([]);
  });

  it('writes the sender\u2019s record of the receipt in the receiver\u2019s transaction: both sides or neither', async () => {
    const failing = createLocalTransport({
      ...exchange.receiver,
      handlers: {
        'intake.registered': () => Promise.reject(new Error('the handler failed')),
      },
    });
    const sent = await send(db, 'case-e');
    const log = createLogger('silent');
    await deliverDue({ db, clock: systemClock, log, transportFor: () => failing, random: () => 0 });
    const rows = (direction: 'in' | 'out') =>
      db
        .selectFrom('messages')
        .select(['status', 'receipt_jws'])
        .where('direction', '=', direction)
        .where('id', '=', sent.id)
        .execute();
    expect(await rows('in')).toHaveLength(0);
    expect(await rows('out')).toEqual([{ status: 'queued', receipt_jws: null }]);
    const waiting = await db
      .selectFrom('outbox')
      .select('last_error')
      .where('message_id', '=', sent.id)
      .executeTakeFirstOrThrow();
    expect(waiting.last_error).toContain('the handler failed');

    await db
      .updateTable('outbox')
      .set({ next_attempt_at: new Date(0) })
      .where('message_id', '=', sent.id)
      .execute();
    await deliver();
    const [inbound] = await rows('in');
    const [outbound] = await rows('out');
    expect(outbound?.status).toBe('delivered');
    expect(outbound?.receipt_jws).toBe(inbound?.receipt_jws);
    const evidence = await db
      .selectFrom('evidence_log')
      .select('kind')
      .where('ref', '=', sent.id)
      .orderBy('idx')
      .execute();
    expect(evidence.map((e) => e.kind)).toEqual([
      'message.sent',
      'message.received',
      'receipt.issued',
      'receipt.received',
    ]);
  });

  it('accepts the messages of one claim in one transaction', async () => {
    const sent = await Promise.all(['case-i1', 'case-i2', 'case-i3'].map((caseRef) => send(db, caseRef)));
    expect(await deliver()).toBe(3);
    const rows = await db
      .selectFrom('messages')
      .select(sql<string>`xmin::text`.as('tx'))
      .where('direction', '=', 'in')
      .where(
        'id',
        'in',
        sent.map((m) => m.id),
      )
      .execute();
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.tx)).size).toBe(1);
  });

  it('when one message of a claim fails, delivers the others and keeps the error on that one', async () => {
    const picky = createLocalTransport({
      ...exchange.receiver,
      handlers: {
        'intake.registered': async ({ envelope }) => {
          if (envelope.caseRef === 'case-j2') throw new Error('the handler failed');
        },
      },
    });
    const sent = await Promise.all(['case-j1', 'case-j2', 'case-j3'].map((caseRef) => send(db, caseRef)));
    const log = createLogger('silent');
    expect(
      await deliverDue({ db, clock: systemClock, log, transportFor: () => picky, random: () => 0 }),
    ).toBe(3);
    const statuses = await db
      .selectFrom('messages')
      .select(['case_ref', 'status'])
      .where('direction', '=', 'out')
      .where(
        'id',
        'in',
        sent.map((m) => m.id),
      )
      .orderBy('case_ref')
      .execute();
    expect(statuses).toEqual([
      { case_ref: 'case-j1', status: 'delivered' },
      { case_ref: 'case-j2', status: 'queued' },
      { case_ref: 'case-j3', status: 'delivered' },
    ]);
    const waiting = await db
      .selectFrom('outbox')
      .select('last_error')
      .where('message_id', '=', sent[1]!.id)
      .executeTakeFirstOrThrow();
    expect(waiting.last_error).toContain('the handler failed');
  });

  it('runs as a worker that a kick wakes and that tells of each delivery', async () => {
    const told: DeliveredMessage[] = [];
    let wasTold = () => undefined as void;
    const worker = startDeliveryWorker({
      db,
      clock: systemClock,
      log: createLogger('silent'),
      transportFor: (node) => exchange.transportFor(node),
      pollMs: 60_000,
      onDelivered: (message) => {
        told.push(message);
        wasTold();
      },
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 50)); // its first pass finds nothing and sleeps
      const sent = await send(db, 'case-f');
      const delivered = new Promise<void>((resolve) => (wasTold = resolve));
      expect(worker.kick()).toBe(true);
      await delivered;
      expect(told).toEqual([{ id: sent.id, type: 'intake.registered', caseRef: 'case-f' }]);
    } finally {
      await worker.stop();
    }
    expect(worker.kick()).toBe(false);
  });
});
