import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeExchangeParties, registrationMessage, useTestExchange } from '../../../../../test/exchange.js';
import { useTestDatabase } from '../../../../../test/db.js';
import { createLogger } from '../../../platform/logger.js';
import { systemClock } from '../../../platform/clock.js';
import type { Exchange } from '../exchange.usecase.js';
import { signReceipt } from '../delivery-evidence/receipts.policy.js';
import { loadOrCreateNodeKeys, type Signer } from '../trust/node-keys.usecase.js';
import { upsertPeer } from '../trust/trust.repository.js';
import { DeliveryError, type Delivery, type Transport } from '../transport/transport.ports.js';
import { enqueueMessage } from './enqueue-message.usecase.js';
import { startDeliveryWorker } from './delivery.worker.js';

/**
 * A node with three peers, one of which does not answer: the other two must not wait for it. Their
 * transports are peers in miniature — each answers with a receipt signed by that peer's own key, which
 * the worker verifies against the trust list as it would a real one; the slow peer's answer comes only
 * when the test lets it.
 */
const { db } = await useTestDatabase();
let exchange: Exchange;
let station: { id: string; code: string };
let office: { id: string; code: string };
const signers = new Map<string, Signer>();
let keysDir: string;

const FAST = ['peer-fast-a', 'peer-fast-b'];
const SLOW = 'peer-slow';

beforeAll(async () => {
  ({ exchange } = await useTestExchange(db));
  ({ station, office } = await makeExchangeParties(db));
  keysDir = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-peers-'));
  for (const nodeId of [...FAST, SLOW]) {
    const keys = await loadOrCreateNodeKeys({ dataDir: path.join(keysDir, nodeId), nodeId });
    signers.set(nodeId, keys.signer);
    await upsertPeer(db, {
      nodeId,
      baseUrl: `https://${nodeId}.invalid`,
      keys: keys.publicKeys.map((k) => k.jwk),
      organisations: [],
    });
  }
});
afterAll(() => fs.rm(keysDir, { recursive: true, force: true }));

/** Queues `count` messages to `node`, each on a thread of its own; gives their ids. */
async function queue(node: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const message = registrationMessage({ exchange, office, station, caseRef: `${node}-${i}-${Date.now()}` });
    message.to = { ...message.to, node };
    const sent = await db
      .transaction()
      .execute((tx) => enqueueMessage(tx, { signer: exchange.signer, message, now: systemClock.now() }));
    ids.push(sent.id);
  }
  return ids;
}

/** A peer that answers at once with its signed receipt. */
function answeringPeer(node: string): Transport {
  return {
    async deliver(delivery: Delivery) {
      const { sha256 } = await db
        .selectFrom('messages')
        .select('sha256')
        .where('id', '=', delivery.id)
        .where('direction', '=', 'out')
        .executeTakeFirstOrThrow();
      const receiptJws = signReceipt(signers.get(node)!, {
        type: 'receipt.delivery',
        messageId: delivery.id,
        messageSha256: sha256,
        receiver: { node, org: station.code },
        receivedAt: new Date().toISOString(),
        documentsVerified: [],
      });
      return { receiptJws };
    },
  };
}

const delivered = async (ids: string[]) =>
  Number(
    (
      await db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('message_id', 'in', ids)
        .executeTakeFirstOrThrow()
    ).n,
  ) === 0;

async function until(probe: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return probe();
}

describe('a peer that does not answer', () => {
  it('holds up only its own messages: the other peers get all of theirs meanwhile', async () => {
    const slowIds = await queue(SLOW, 5);
    const fastIds = [...(await queue(FAST[0]!, 30)), ...(await queue(FAST[1]!, 30))];
    let release: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (release = resolve));
    let slowCalls = 0;
    const slowPeer: Transport = {
      deliver: async () => {
        slowCalls += 1;
        await answered;
        throw new DeliveryError('transport.timeout', true);
      },
    };
    const worker = startDeliveryWorker({
      db,
      clock: systemClock,
      log: createLogger('silent'),
      transportFor: (node) => (node === SLOW ? slowPeer : answeringPeer(node)),
      // Small batches: 60 messages to the answering peers take several passes after the slow one's.
      policy: { batchSize: 10 },
      pollMs: 50,
    });
    try {
      expect(await until(() => delivered(fastIds), 30_000)).toBe(true);
      // All 60 went while the slow peer still had its first messages in hand, and was not asked twice.
      expect(slowCalls).toBeGreaterThan(0);
      expect(slowCalls).toBeLessThanOrEqual(5);
      expect(await delivered(slowIds)).toBe(false);
    } finally {
      release();
      await worker.stop();
    }
    // Its messages stay in the outbox, each with the failure and a next try.
    const rows = await db.selectFrom('outbox').selectAll().where('message_id', 'in', slowIds).execute();
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row.last_error).toMatch(/^transport\.timeout/);
  });

  it.each([
    // Two batches (2 + 2) reach the limit of 3 messages.
    { limit: 'three messages', maxInFlightPerPeer: 3, maxLanes: undefined, onTheWay: 4 },
    // A transport that takes one lane at a time (the local one) gets the next batch only after the first.
    { limit: 'one lane', maxInFlightPerPeer: 100, maxLanes: 1, onTheWay: 2 },
  ])(
    'gets no more than its share on the way at once ($limit): the rest wait in the outbox, unclaimed',
    async ({ maxInFlightPerPeer, maxLanes, onTheWay }) => {
      await db.deleteFrom('outbox').execute();
      const slowIds = await queue(SLOW, 8);
      let release: () => void = () => undefined;
      const answered = new Promise<void>((resolve) => (release = resolve));
      let slowCalls = 0;
      const worker = startDeliveryWorker({
        db,
        clock: systemClock,
        log: createLogger('silent'),
        transportFor: () => ({
          maxLanes,
          deliver: async () => {
            slowCalls += 1;
            await answered;
            throw new DeliveryError('transport.timeout', true);
          },
        }),
        policy: { batchSize: 2, maxInFlightPerPeer },
        pollMs: 20,
      });
      try {
        await expect.poll(() => slowCalls, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
        await new Promise((r) => setTimeout(r, 500)); // passes come and go meanwhile
        // The limit reached, nothing more was claimed for that peer.
        expect(slowCalls).toBe(onTheWay);
        const leased = await db
          .selectFrom('outbox')
          .select('message_id')
          .where('message_id', 'in', slowIds)
          .where('lease_until', 'is not', null)
          .execute();
        expect(leased).toHaveLength(onTheWay);
      } finally {
        release();
        await worker.stop();
      }
    },
  );
});
