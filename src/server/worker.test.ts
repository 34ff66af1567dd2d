import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/app.js';
import { useTestDatabase } from '../../test/db.js';
import { makeJurisdiction, registrationMessage, TEST_NODE_ID } from '../../test/factories.js';
import type { Tx } from './db/client.js';
import type { Exchange } from './modules/exchange/exchange.usecase.js';
import { listenForOutbox } from './modules/exchange/outbound/outbox-notifications.worker.js';
import { enqueueMessage } from './modules/exchange/outbound/enqueue-message.usecase.js';
import { createLogger } from './platform/logger.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/casebridge.js');
const { db, url } = await useTestDatabase();
let exchange: Exchange;
let dataDir: string;
let station: { id: string; code: string };
let office: { id: string; code: string };

/** The office registers a case: one message into the outbox, in the caller's transaction. */
function enqueueRegistration(tx: Tx, caseRef: string) {
  return enqueueMessage(tx, {
    signer: exchange.signer,
    now: new Date(),
    message: registrationMessage({ exchange, office, station, caseRef }),
  });
}
const commitRegistration = (caseRef: string) =>
  db.transaction().execute((tx) => enqueueRegistration(tx, caseRef));

const statusOf = async (id: string) =>
  (
    await db
      .selectFrom('messages')
      .select('status')
      .where('direction', '=', 'out')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).status;

async function until(probe: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

describe('separate delivery workers', () => {
  beforeAll(async () => {
    ({ exchange, dataDir } = await useTestApp(db));
    ({ station, office } = await makeJurisdiction(db));
  });

  it('hear of each commit that fills the outbox, and of none that rolls back', async () => {
    let notices = 0;
    const listener = listenForOutbox({ url, onNotice: () => notices++, log: createLogger('silent') });
    try {
      expect(await until(async () => notices === 1, 5000)).toBe(true); // the one on connecting
      await commitRegistration('case-listen-1');
      expect(await until(async () => notices === 2, 5000)).toBe(true);
      await db
        .transaction()
        .execute(async (tx) => {
          await enqueueRegistration(tx, 'case-listen-2');
          throw new Error('roll back');
        })
        .catch(() => undefined);
      await new Promise((r) => setTimeout(r, 300));
      expect(notices).toBe(2);
    } finally {
      await listener.close();
    }
  });

  it(
    '`casebridge worker` delivers a message at once, not at its next poll (ten minutes away)',
    { timeout: 60_000 },
    async () => {
      const child: ChildProcess = spawn(process.execPath, [BIN, 'worker'], {
        env: {
          ...process.env,
          DATABASE_URL: url,
          DATA_DIR: dataDir,
          NODE_ID: TEST_NODE_ID,
          LOG_LEVEL: 'silent',
          DELIVERY_POLL_MS: String(10 * 60_000),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        let out = '';
        for await (const chunk of child.stdout!) {
          out += String(chunk);
          if (out.includes('ready')) break;
        }
        await new Promise((r) => setTimeout(r, 500)); // its first pass is done; it sleeps
        const sent = await commitRegistration('case-worker-1');
        expect(await until(async () => (await statusOf(sent.id)) === 'delivered', 10_000)).toBe(true);
      } finally {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    },
  );
});
