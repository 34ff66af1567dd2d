import { Writable } from 'node:stream';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeExchangeParties, registrationMessage, useTestExchange } from '../../../../../test/exchange.js';
import { useTestDatabase } from '../../../../../test/db.js';
import { fixedClock } from '../../../platform/clock.js';
import { createLogger } from '../../../platform/logger.js';
import {
  defaultDeliveryPolicy,
  deliverDue,
  retryDelayMs,
  startDeliveryWorker,
  type DeliveryDeps,
} from './delivery.worker.js';
import type { Exchange } from '../exchange.usecase.js';
import { enqueueMessage } from './enqueue-message.usecase.js';
import { receiveMessage } from '../inbound/receive-message.usecase.js';
import { DeliveryError, type Transport } from '../transport/transport.ports.js';

const { db } = await useTestDatabase();
const T0 = new Date('2026-05-01T08:00:00.000Z');
const clock = fixedClock(T0);
const receiverClock = fixedClock('2026-05-01T07:59:00.000Z');
let exchange: Exchange;
let station: { id: string; code: string };
let office: { id: string; code: string };

const policy = { baseDelayMs: 1000, maxDelayMs: 300_000 };
const at = (ms: number) => new Date(T0.getTime() + ms);

/** Queues an `intake.registered` of `caseRef` at the clock's now; gives its id. */
async function send(caseRef: string, toNode?: string): Promise<string> {
  const message = registrationMessage({ exchange, office, station, caseRef });
  if (toNode) message.to = { ...message.to, node: toNode };
  const sent = await db
    .transaction()
    .execute((tx) => enqueueMessage(tx, { signer: exchange.signer, message, now: clock.now() }));
  return sent.id;
}

const outboxRow = (id: string) =>
  db.selectFrom('outbox').selectAll().where('message_id', '=', id).executeTakeFirstOrThrow();

/** A transport that always fails with `error`. */
const failingWith = (error: Error): Transport => ({ deliver: () => Promise.reject(error) });

/** A logger whose lines are kept, parsed, in `lines`. */
function capturedLogger() {
  const lines: { level: number; msg: string; [key: string]: unknown }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')));
      done();
    },
  });
  return { log: createLogger('info', sink), lines };
}

/** One worker pass at the clock's now, with `transport` for every node and no randomness unless told. */
function pass(transport: Transport, extra: Partial<DeliveryDeps> = {}) {
  return deliverDue({
    db,
    clock,
    log: createLogger('silent'),
    transportFor: () => transport,
    random: () => 0,
    ...extra,
  });
}

describe('the delivery worker’s retry timing', () => {
  beforeAll(async () => {
    ({ exchange } = await useTestExchange(db, { clock: receiverClock }));
    ({ station, office } = await makeExchangeParties(db));
  });

  beforeEach(async () => {
    clock.set(T0);
    await db.deleteFrom('outbox').execute();
  });

  it('waits one second at first, by default, and never more than five minutes; a lease lasts two minutes; 20 rows a pass, 100 on their way per peer in at most 8 lanes', () => {
    expect(defaultDeliveryPolicy).toEqual({
      baseDelayMs: 1000,
      maxDelayMs: 300_000,
      leaseMs: 120_000,
      batchSize: 20,
      maxInFlightPerPeer: 100,
      maxLanesPerPeer: 8,
    });
  });

  it('waits between half the ceiling and the ceiling: 500 to 1000 ms after the first attempt', () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, () => 0.5)).toBe(750);
    expect(retryDelayMs(1, policy, () => 0.999_999)).toBe(1000);
  });

  it('doubles the ceiling with each attempt', () => {
    const lowest = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => retryDelayMs(n, policy, () => 0));
    expect(lowest).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000]);
    const highest = [1, 2, 3, 9].map((n) => retryDelayMs(n, policy, () => 0.999_999_9));
    expect(highest).toEqual([1000, 2000, 4000, 256_000]);
  });

  it('stops doubling at the maximum delay: the tenth attempt and any later one wait 150 to 300 seconds', () => {
    for (const n of [10, 11, 30, 1000]) {
      expect(retryDelayMs(n, policy, () => 0)).toBe(150_000);
      expect(retryDelayMs(n, policy, () => 0.999_999_9)).toBe(300_000);
    }
    // The cap applies to the ceiling, not only to a delay past it: one just below stays as it is.
    expect(retryDelayMs(3, { baseDelayMs: 1000, maxDelayMs: 3999 }, () => 0)).toBe(2000);
    expect(retryDelayMs(3, { baseDelayMs: 1000, maxDelayMs: 4000 }, () => 0.5)).toBe(3000);
  });

  it('treats a row never attempted (or a count below one) like the first attempt', () => {
    expect(retryDelayMs(0, policy, () => 0)).toBe(500);
    expect(retryDelayMs(-3, policy, () => 0)).toBe(500);
  });

  it('rounds to whole milliseconds', () => {
    expect(retryDelayMs(1, { baseDelayMs: 3, maxDelayMs: 100 }, () => 0)).toBe(2); // 1.5
    expect(retryDelayMs(1, { baseDelayMs: 3, maxDelayMs: 100 }, () => 0.1)).toBe(2); // 1.65
    expect(retryDelayMs(1, { baseDelayMs: 3, maxDelayMs: 100 }, () => 0.9)).toBe(3); // 2.85
  });

  it('draws its jitter from Math.random by default, always within the bounds', () => {
    const delays = Array.from({ length: 200 }, () => retryDelayMs(4, policy));
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(4000);
      expect(delay).toBeLessThanOrEqual(8000);
    }
    expect(new Set(delays).size).toBeGreaterThan(10);
  });

  it('claims a due row with a two-minute lease, counting the attempt and its time', async () => {
    const id = await send('case-lease');
    let seen: Awaited<ReturnType<typeof outboxRow>> | undefined;
    const watching: Transport = {
      deliver: async () => {
        seen = await outboxRow(id);
        throw new DeliveryError('transport.unreachable', true);
      },
    };
    expect(await pass(watching)).toBe(1);
    expect(seen).toMatchObject({ attempts: 1, lease_until: at(120_000), last_attempt_at: T0 });
  });

  it('schedules the next try at now + the delay of the attempt it failed, and frees the lease', async () => {
    const id = await send('case-retry');
    await pass(failingWith(new DeliveryError('transport.unreachable', true, 'connection refused')));
    expect(await outboxRow(id)).toMatchObject({
      attempts: 1,
      next_attempt_at: at(500),
      lease_until: null,
      last_error: 'transport.unreachable: connection refused',
    });

    clock.set(at(500));
    await pass(failingWith(new DeliveryError('transport.unreachable', true)), { random: () => 0.5 });
    expect(await outboxRow(id)).toMatchObject({
      attempts: 2,
      next_attempt_at: at(500 + 1500), // ceiling 2000: 1000 + 0.5 × 1000
      last_error: 'transport.unreachable: transport.unreachable',
    });
  });

  it('takes the delays of the deps’ policy, over the defaults', async () => {
    const id = await send('case-policy');
    await pass(failingWith(new Error('boom')), { policy: { baseDelayMs: 60_000 } });
    expect(await outboxRow(id)).toMatchObject({
      next_attempt_at: at(30_000),
      last_error: 'delivery.error: boom',
    });
  });

  /** Queues a message, sets its outbox row, and says how many rows a pass claims at each of two times. */
  async function claimsAt(
    caseRef: string,
    row: { next_attempt_at?: Date; lease_until?: Date },
    times: number[],
  ) {
    const id = await send(caseRef);
    await db.updateTable('outbox').set(row).where('message_id', '=', id).execute();
    const claimed: number[] = [];
    for (const ms of times) {
      clock.set(at(ms));
      claimed.push(await pass(failingWith(new Error('boom'))));
    }
    return claimed;
  }

  it('claims a row when its time comes, not a millisecond before', async () => {
    expect(await claimsAt('case-due', { next_attempt_at: at(1) }, [0, 1])).toEqual([0, 1]);
  });

  it('leaves a leased row to its worker until the lease has passed', async () => {
    expect(await claimsAt('case-leased', { lease_until: at(1000) }, [1000, 1001])).toEqual([0, 1]);
  });

  it('claims at most a batch of rows, the longest due first', async () => {
    const ids = [await send('case-b1'), await send('case-b2'), await send('case-b3')];
    await db
      .updateTable('outbox')
      .set({ next_attempt_at: at(-5000) })
      .where('message_id', '=', ids[2]!)
      .execute();
    const tried: string[] = [];
    const recording: Transport = {
      deliver: async (delivery) => {
        tried.push(delivery.id);
        throw new Error('boom');
      },
    };
    expect(await pass(recording, { policy: { batchSize: 2 } })).toBe(2);
    expect(tried).toHaveLength(2);
    expect(tried).toContain(ids[2]);
  });

  it('claims only the first undelivered message of a thread', async () => {
    const first = await send('case-thread');
    await send('case-thread');
    const tried: string[] = [];
    const recording: Transport = {
      deliver: async (delivery) => {
        tried.push(delivery.id);
        throw new Error('boom');
      },
    };
    clock.set(at(10_000));
    expect(await pass(recording)).toBe(1);
    expect(tried).toEqual([first]);
  });

  it('cuts a long error to 500 characters', async () => {
    const id = await send('case-long-error');
    await pass(failingWith(new Error('x'.repeat(1000))));
    const { last_error } = await outboxRow(id);
    expect(last_error).toBe(`delivery.error: ${'x'.repeat(500 - 'delivery.error: '.length)}`);
  });

  it('logs a failure that will pass by itself as a warning and one that needs a person as an error, with the next try', async () => {
    const retryable = await send('case-log-1');
    const { log, lines } = capturedLogger();
    await pass(failingWith(new DeliveryError('transport.unreachable', true)), { log });
    await db.deleteFrom('outbox').execute();
    const final = await send('case-log-2');
    await pass(failingWith(new DeliveryError('receipt.wrong_node', false)), { log });
    await db.deleteFrom('outbox').execute();
    const plain = await send('case-log-3');
    await pass(failingWith(new Error('boom')), { log });
    expect(
      lines.map(({ level, msg, messageId, code, attempts, nextAttemptAt }) => ({
        level,
        msg,
        messageId,
        code,
        attempts,
        nextAttemptAt,
      })),
    ).toEqual([
      {
        level: 40,
        msg: 'delivery failed; will retry',
        messageId: retryable,
        code: 'transport.unreachable',
        attempts: 1,
        nextAttemptAt: at(500).toISOString(),
      },
      {
        level: 50,
        msg: 'delivery failed; will retry',
        messageId: final,
        code: 'receipt.wrong_node',
        attempts: 1,
        nextAttemptAt: at(500).toISOString(),
      },
      {
        level: 40,
        msg: 'delivery failed; will retry',
        messageId: plain,
        code: 'delivery.error',
        attempts: 1,
        nextAttemptAt: at(500).toISOString(),
      },
    ]);
  });

  it('records a receipt the transport brings back: the receiver’s time, the message delivered, the outbox emptied', async () => {
    const id = await send('case-receipt');
    const { log, lines } = capturedLogger();
    const told: unknown[] = [];
    const remote: Transport = {
      deliver: async (delivery) => {
        const outcome = await receiveMessage(exchange.receiver, delivery.jws);
        if (!('receiptJws' in outcome)) throw new Error(outcome.outcome);
        return { receiptJws: outcome.receiptJws };
      },
    };
    clock.set(at(60_000));
    expect(await pass(remote, { log, onDelivered: (m) => told.push(m) })).toBe(1);
    const out = await db
      .selectFrom('messages')
      .select(['status', 'receipt_at', 'receipt_jws'])
      .where('direction', '=', 'out')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(out).toMatchObject({ status: 'delivered', receipt_at: receiverClock.now() });
    expect(await db.selectFrom('outbox').select('message_id').execute()).toEqual([]);
    const evidence = await db
      .selectFrom('evidence_log')
      .select(['kind', 'entry', 'at', 'case_ref'])
      .where('ref', '=', id)
      .where('kind', '=', 'receipt.received')
      .execute();
    expect(evidence).toEqual([
      { kind: 'receipt.received', entry: out.receipt_jws, at: at(60_000), case_ref: 'case-receipt' },
    ]);
    expect(told).toEqual([{ id, type: 'intake.registered', caseRef: 'case-receipt' }]);
    expect(lines).toMatchObject([{ level: 30, msg: 'message delivered', messageId: id, attempts: 1 }]);
  });

  it('does not record again a receipt the transport already recorded', async () => {
    const id = await send('case-recorded');
    const recorded: Transport = { deliver: async () => ({ receiptJws: 'not a receipt', recorded: true }) };
    expect(await pass(recorded)).toBe(1);
    // Nothing was checked or written by the worker: the row is as the claim left it.
    expect(await outboxRow(id)).toMatchObject({ attempts: 1, last_error: null });
  });

  it('keeps trying a message whose receipt does not verify, with the reason', async () => {
    const id = await send('case-bad-receipt');
    const lying: Transport = { deliver: async () => ({ receiptJws: 'not a receipt' }) };
    const { log, lines } = capturedLogger();
    expect(await pass(lying, { log })).toBe(1);
    expect(lines).toMatchObject([{ level: 40, code: 'receipt.unknown_key' }]); // a warning: it may pass later
    expect(await outboxRow(id)).toMatchObject({
      next_attempt_at: at(500),
      last_error: 'receipt.unknown_key: receipt.unknown_key',
    });
    const out = await db
      .selectFrom('messages')
      .select('status')
      .where('direction', '=', 'out')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(out.status).toBe('queued');
  });

  it('hands several messages for one node to the transport at once, one message alone', async () => {
    const batches: string[] = [];
    const batching: Transport = {
      deliver: async () => {
        batches.push('one');
        throw new Error('boom');
      },
      deliverMany: async (deliveries) => {
        batches.push(`many: ${deliveries.length}`);
        return deliveries.map(() => new DeliveryError('transport.unreachable', true));
      },
    };
    await send('case-many-1');
    expect(await pass(batching)).toBe(1);
    await send('case-many-2');
    await send('case-many-3');
    clock.set(at(60_000));
    expect(await pass(batching)).toBe(3);
    expect(batches).toEqual(['one', 'many: 3']);
  });

  it('gives every message of a batch the error of a batch that failed as a whole', async () => {
    const ids = [await send('case-whole-1'), await send('case-whole-2')];
    const broken: Transport = {
      deliver: () => Promise.reject(new Error('not this way')),
      deliverMany: () => Promise.reject(new DeliveryError('transport.unreachable', true, 'network down')),
    };
    expect(await pass(broken)).toBe(2);
    for (const id of ids)
      expect(await outboxRow(id)).toMatchObject({
        last_error: 'transport.unreachable: network down',
        next_attempt_at: at(500),
      });
  });

  it('asks for the transport of each message’s node, once per node', async () => {
    await send('case-node-a');
    await send('case-node-b', 'node-elsewhere');
    await send('case-node-c', 'node-elsewhere');
    const asked: string[] = [];
    expect(
      await pass(failingWith(new Error('boom')), {
        transportFor: (node) => {
          asked.push(node);
          return failingWith(new Error('boom'));
        },
      }),
    ).toBe(3);
    expect(asked.sort()).toEqual(['node-elsewhere', exchange.nodeId].sort());
  });

  it('runs passes until stopped, and logs a pass that failed without stopping', async () => {
    await send('case-worker');
    const { log, lines } = capturedLogger();
    let calls = 0;
    const worker = startDeliveryWorker({
      db,
      clock,
      log,
      pollMs: 5,
      transportFor: () => {
        calls += 1;
        throw new Error('no transport');
      },
    });
    await expect.poll(() => calls, { timeout: 5000 }).toBeGreaterThan(0);
    await worker.stop();
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 50,
        msg: 'delivery worker pass failed',
        err: expect.objectContaining({ message: 'no transport' }),
      }),
    );
  });
  it('queues a message signed, numbered in its thread and due at once, with its evidence', async () => {
    const id = await send('case-queued');
    // A UUID v7 of the time it was queued: its first 48 bits are T0 in milliseconds.
    expect(id.replace('-', '').slice(0, 12)).toBe(T0.getTime().toString(16).padStart(12, '0'));
    expect(await outboxRow(id)).toEqual({
      message_id: id,
      to_node: exchange.nodeId,
      thread: `${office.code}>${station.code}:case-queued`,
      seq: 1,
      next_attempt_at: T0,
      attempts: 0,
      lease_until: null,
      last_error: null,
      last_attempt_at: null,
    });
    const message = await db
      .selectFrom('messages')
      .select(['status', 'seq', 'prev_hash', 'org_id', 'created_at', 'envelope', 'jws'])
      .where('direction', '=', 'out')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(message).toMatchObject({
      status: 'queued',
      seq: 1,
      prev_hash: null,
      org_id: office.id,
      created_at: T0,
    });
    expect(message.envelope).toMatchObject({
      id,
      type: 'intake.registered',
      from: { node: exchange.nodeId, org: office.code },
      to: { node: exchange.nodeId, org: station.code },
      caseRef: 'case-queued',
      thread: { prev: null, seq: 1 },
      createdAt: T0.toISOString(),
      createdBy: 'clerk',
      documents: [],
    });
    const evidence = await db
      .selectFrom('evidence_log')
      .select(['kind', 'case_ref', 'entry', 'at'])
      .where('ref', '=', id)
      .execute();
    expect(evidence).toEqual([{ kind: 'message.sent', case_ref: 'case-queued', entry: message.jws, at: T0 }]);
  });

  it('chains the next message of a thread to the previous one’s hash and number', async () => {
    const first = await send('case-chained');
    const second = await send('case-chained');
    const rows = await db
      .selectFrom('messages')
      .select(['id', 'seq', 'prev_hash', 'sha256'])
      .where('direction', '=', 'out')
      .where('id', 'in', [first, second])
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => [r.id, r.seq])).toEqual([
      [first, 1],
      [second, 2],
    ]);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.sha256);
    expect((await outboxRow(second)).seq).toBe(2);
  });

  it('sleeps between passes while there is nothing to do: what falls due meanwhile waits for a kick', async () => {
    const id = await send('case-asleep');
    await db
      .updateTable('outbox')
      .set({ next_attempt_at: at(1) })
      .where('message_id', '=', id)
      .execute();
    let passes = 0;
    const worker = startDeliveryWorker({
      db,
      clock: { now: () => (passes++, clock.now()) },
      log: createLogger('silent'),
      pollMs: 60_000,
      transportFor: () => failingWith(new Error('boom')),
    });
    try {
      await expect.poll(() => passes).toBeGreaterThan(0); // its first pass, at T0, finds nothing due
      clock.set(at(1));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await outboxRow(id)).attempts).toBe(0);
      expect(worker.kick()).toBe(true);
      await expect.poll(async () => (await outboxRow(id)).attempts, { timeout: 5000 }).toBe(1);
    } finally {
      await worker.stop();
    }
  });

  it('polls every half second by default', async () => {
    const worker = startDeliveryWorker({
      db,
      clock,
      log: createLogger('silent'),
      transportFor: () => failingWith(new Error('boom')),
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const id = await send('case-polled');
      await expect.poll(async () => (await outboxRow(id)).attempts, { timeout: 3000, interval: 50 }).toBe(1);
    } finally {
      await worker.stop();
    }
  });
  it('runs passes back to back while there is work, and a stopped worker cannot be kicked', async () => {
    const first = await send('case-busy');
    const second = await send('case-busy'); // claimable only once the first is delivered
    const worker = startDeliveryWorker({
      db,
      clock,
      log: createLogger('silent'),
      pollMs: 60_000,
      transportFor: (node) => exchange.transportFor(node),
    });
    try {
      const delivered = async () =>
        (
          await db
            .selectFrom('messages')
            .select('id')
            .where('direction', '=', 'out')
            .where('status', '=', 'delivered')
            .where('id', 'in', [first, second])
            .execute()
        ).length;
      await expect.poll(delivered, { timeout: 15_000 }).toBe(2);
    } finally {
      await worker.stop();
    }
    expect(worker.kick()).toBe(false);
  });
});
