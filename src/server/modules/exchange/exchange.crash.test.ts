import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { systemClock } from '../../platform/clock.js';
import { createOrganisation } from '../organisations/organisations.usecase.js';
import { enqueueMessage } from './outbox.js';
import { verifyReceipt } from './receipts.js';
import { exportOwnTrustEntry, upsertPeer } from './trust.repository.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../bin/casebridge.js');
const MESSAGES = 24;
const KILLS = 6;

const police = await useTestDatabase();
const judiciary = await useTestDatabase();

describe('a sending worker killed with SIGKILL again and again', () => {
  let policeDataDir: string;

  beforeAll(async () => {
    const sender = await useTestApp(police.db, { config: { nodeId: 'police-crash' } });
    const receiver = await useTestApp(judiciary.db, { config: { nodeId: 'judiciary-crash' } });
    policeDataDir = sender.dataDir;
    const url = await receiver.app.listen({ port: 0, host: '127.0.0.1' });
    const org = (db: typeof police.db, nodeId: string, code: string, kind: 'station' | 'prosecutor_office') =>
      createOrganisation({
        db,
        clock: systemClock,
        actor: null,
        nodeId,
        body: { code, kind, nameFa: code, nameEn: code, provinceCode: 'IR-23', countyCode: 'IR-23-TEHRAN' },
      });
    const station = await org(police.db, 'police-crash', 'KL-CRASH', 'station');
    await org(judiciary.db, 'judiciary-crash', 'DA-CRASH', 'prosecutor_office');
    await upsertPeer(
      police.db,
      await exportOwnTrustEntry(judiciary.db, {
        nodeId: 'judiciary-crash',
        baseUrl: url,
        keys: receiver.exchange.keys,
      }),
    );
    await upsertPeer(
      judiciary.db,
      await exportOwnTrustEntry(police.db, {
        nodeId: 'police-crash',
        baseUrl: null,
        keys: sender.exchange.keys,
      }),
    );

    // 24 messages in 6 case threads, each carrying a 200 KB document, so that a kill often lands mid-send.
    for (let i = 0; i < MESSAGES; i++) {
      const bytes = Buffer.concat([Buffer.from(`%PDF-1.7 ${i}\n`), Buffer.alloc(200_000, i)]);
      const doc = await sender.blobs.put(Readable.from([bytes]), { maxBytes: 1_000_000 });
      await police.db.transaction().execute((tx) =>
        enqueueMessage(tx, {
          signer: sender.exchange.signer,
          now: new Date(),
          message: {
            type: 'case.supplemented',
            from: { orgId: station.id, orgCode: 'KL-CRASH' },
            to: { node: 'judiciary-crash', org: 'DA-CRASH' },
            caseRef: `crash-case-${i % 6}`,
            createdBy: 'chief',
            body: { note: `پیوست ${i}`, answers: null, parties: [] },
            documents: [
              {
                sha256: doc.sha256,
                size: doc.size,
                mediaType: 'application/pdf',
                name: `doc-${i}.pdf`,
                kind: 'evidence',
              },
            ],
          },
        }),
      );
    }
  });

  function startWorker(): ChildProcess {
    return spawn(process.execPath, [BIN, 'worker'], {
      env: {
        ...process.env,
        DATABASE_URL: police.url,
        DATA_DIR: policeDataDir,
        NODE_ID: 'police-crash',
        LOG_LEVEL: 'silent',
        DELIVERY_LEASE_MS: '400',
        DELIVERY_BASE_DELAY_MS: '50',
        DELIVERY_MAX_DELAY_MS: '200',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  async function untilReady(child: ChildProcess) {
    let out = '';
    for await (const chunk of child.stdout!) {
      out += String(chunk);
      if (out.includes('ready')) return;
    }
    throw new Error(`worker exited before it was ready: ${out}`);
  }

  const outboxSize = async () =>
    (
      await police.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  it(
    'delivers every message exactly once, in thread order, with valid receipts',
    { timeout: 120_000 },
    async () => {
      for (let kill = 0; kill < KILLS && (await outboxSize()) > 0; kill++) {
        const child = startWorker();
        await untilReady(child);
        await new Promise((r) => setTimeout(r, 30 + Math.random() * 250));
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
      const last = startWorker();
      await untilReady(last);
      const deadline = Date.now() + 60_000;
      while ((await outboxSize()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      last.kill('SIGTERM');
      await once(last, 'exit');

      expect(await outboxSize()).toBe(0);
      const sent = await police.db
        .selectFrom('messages')
        .selectAll()
        .where('direction', '=', 'out')
        .execute();
      expect(sent).toHaveLength(MESSAGES);
      const received = await judiciary.db
        .selectFrom('messages')
        .selectAll()
        .where('direction', '=', 'in')
        .orderBy('case_ref')
        .orderBy('seq')
        .execute();
      expect(received.map((m) => m.id).sort()).toEqual(sent.map((m) => m.id).sort());
      const seqsByCase = new Map<string, number[]>();
      for (const m of received) seqsByCase.set(m.case_ref, [...(seqsByCase.get(m.case_ref) ?? []), m.seq]);
      expect(seqsByCase.size).toBe(6);
      for (const [caseRef, seqs] of seqsByCase) expect(seqs, caseRef).toEqual([1, 2, 3, 4]);
      for (const m of sent) {
        expect(m.status).toBe('delivered');
        const check = await verifyReceipt(police.db, {
          receiptJws: m.receipt_jws ?? '',
          messageId: m.id,
          messageSha256: m.sha256,
          toNode: 'judiciary-crash',
        });
        expect(check.ok).toBe(true);
      }
      expect(await judiciary.db.selectFrom('refused_messages').selectAll().execute()).toHaveLength(0);
    },
  );
});
