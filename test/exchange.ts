import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { Db } from '../src/server/db/client.js';
import { createExchange, type Exchange } from '../src/server/modules/exchange/exchange.usecase.js';
import type { MessageHandlers } from '../src/server/modules/exchange/inbound/message-handlers.ports.js';
import type { OutgoingMessage } from '../src/server/modules/exchange/outbound/enqueue-message.usecase.js';
import { createFsBlobStore } from '../src/server/platform/blob-store/fs-blob-store.js';
import { systemClock, type Clock } from '../src/server/platform/clock.js';

/** The node id of the test app (`useTestApp`): organisations made by the factories are hosted on it. */
export const TEST_NODE_ID = 'node-test';

/**
 * The exchange of the test node alone — its keys, blob store, receiver and transports — without the
 * HTTP app around it: for the exchange's own tests, which mutation testing re-runs once per mutant, so
 * that each run loads a few modules instead of every route. Its data folder goes after the file's tests.
 */
export async function useTestExchange(db: Db, options: { clock?: Clock; handlers?: MessageHandlers } = {}) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-exchange-'));
  const blobs = createFsBlobStore(path.join(dataDir, 'blobs'));
  const exchange = await createExchange({
    db,
    blobs,
    clock: options.clock ?? systemClock,
    dataDir,
    nodeId: TEST_NODE_ID,
    handlers: options.handlers ?? {},
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });
  return { exchange, blobs, dataDir };
}

/**
 * A prosecutor's office and a station hosted on the test node, written straight into the table (no
 * jurisdiction rule, no audit): what the exchange's own tests need to address messages.
 */
export async function makeExchangeParties(db: Db) {
  await db
    .insertInto('counties')
    .values({ code: 'IR-23-TEHRAN', province_code: 'IR-23', name_fa: 'تهران', name_en: 'Tehran' })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const make = async (kind: 'prosecutor_office' | 'station', prefix: string) => {
    const org = { id: randomUUID(), code: `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}` };
    await db
      .insertInto('organisations')
      .values({
        ...org,
        kind,
        name_fa: `واحد ${org.code}`,
        name_en: `Unit ${org.code}`,
        province_code: 'IR-23',
        county_code: 'IR-23-TEHRAN',
        node_id: TEST_NODE_ID,
      })
      .execute();
    return org;
  };
  return { office: await make('prosecutor_office', 'DA'), station: await make('station', 'KL') };
}

/** An `intake.registered` from `office` to `station` (both on the exchange's node), ready for enqueueMessage. */
export function registrationMessage(input: {
  exchange: Exchange;
  office: { id: string; code: string };
  station: { code: string };
  caseRef: string;
}): OutgoingMessage<'intake.registered'> {
  return {
    type: 'intake.registered',
    from: { orgId: input.office.id, orgCode: input.office.code },
    to: { node: input.exchange.nodeId, org: input.station.code },
    caseRef: input.caseRef,
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
