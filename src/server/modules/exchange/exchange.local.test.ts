import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { deliverAll, makeJurisdiction } from '../../../../test/factories.js';
import type { Db } from '../../db/client.js';
import { systemClock } from '../../platform/clock.js';
import type { Exchange } from './exchange.js';
import { enqueueMessage } from './outbox.js';
import { receiveMessage } from './receive-message.js';

const { db } = await useTestDatabase();
let exchange: Exchange;
let station: { id: string; code: string };
let office: { id: string; code: string };

function registeredMessage(caseRef: string) {
  return {
    type: 'intake.registered' as const,
    from: { orgId: office.id, orgCode: office.code },
    to: { node: exchange.nodeId, org: station.code },
    caseRef,
    createdBy: 'clerk',
    body: {
      fileNumber: '1405-123',
      branch: 'شعبه ۳ دادیاری',
      assignedJudge: 'دادیار احمدی',
      registeredAt: new Date().toISOString(),
    },
    documents: [],
  };
}

async function send(database: Db, caseRef: string) {
  return database
    .transaction()
    .execute((tx) =>
      enqueueMessage(tx, { signer: exchange.signer, message: registeredMessage(caseRef), now: new Date() }),
    );
}

const deliver = () => deliverAll({ db, clock: systemClock, exchange });

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

  it('refuses a message with a flipped byte in its signature and keeps it as evidence', async () => {
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
    const kept = await db.selectFrom('refused_messages').selectAll().where('jws', '=', tampered).execute();
    expect(kept).toHaveLength(1);
  });
});
