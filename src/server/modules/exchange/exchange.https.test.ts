import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverAll } from '../../../../test/factories.js';
import { useTestPki } from '../../../../test/tls.js';
import { fixedClock } from '../../platform/clock.js';
import {
  addOrganisation,
  enqueueSupplement,
  introduce,
  startTestNode,
  type TestNode,
} from './http-nodes.fixture.js';

const clock = fixedClock('2026-11-28T10:00:00Z');

describe('the exchange between two nodes over HTTPS, with an intranet\u2019s CA', () => {
  let judiciary: TestNode;
  let police: TestNode;
  /** A police node that trusts another CA, not the one that signed the judiciary's certificate. */
  let misconfigured: TestNode;
  let office: { code: string };

  beforeAll(async () => {
    const pki = await useTestPki();
    judiciary = await startTestNode('judiciary-tls', clock, {
      tls: { certFile: pki.certFile, keyFile: pki.keyFile },
    });
    police = await startTestNode('police-tls', clock, { tlsCaFile: pki.caFile });
    misconfigured = await startTestNode('police-other-ca', clock, { tlsCaFile: pki.otherCaFile });
    office = await addOrganisation(judiciary, clock, 'DA-05', 'prosecutor_office');
    await introduce(police, judiciary);
    await introduce(misconfigured, judiciary);
  });

  it('serves HTTPS with its certificate and delivers a message with its document, receipt back', async () => {
    expect(judiciary.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const station = await addOrganisation(police, clock, 'KL-301', 'station');
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200_000, 9)]);
    const stored = await police.blobs.put(Readable.from([bytes]), { maxBytes: 10_000_000 });
    const sent = await enqueueSupplement({
      from: police,
      station,
      to: judiciary,
      office,
      caseRef: 'case-tls-1',
      documents: [stored],
      now: clock.now(),
    });
    expect(await deliverAll({ db: police.db, clock, exchange: police.exchange })).toBe(1);
    const out = await police.db
      .selectFrom('messages')
      .select(['status', 'receipt_jws'])
      .where('direction', '=', 'out')
      .where('id', '=', sent.id)
      .executeTakeFirstOrThrow();
    expect(out.status).toBe('delivered');
    expect(out.receipt_jws).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(await judiciary.blobs.has(stored.sha256)).toBe(true);
  });

  it('sends nothing to a node whose certificate it cannot verify, and keeps the message waiting with the reason', async () => {
    const station = await addOrganisation(misconfigured, clock, 'KL-302', 'station');
    const sent = await enqueueSupplement({
      from: misconfigured,
      station,
      to: judiciary,
      office,
      caseRef: 'case-tls-2',
      now: clock.now(),
    });
    await deliverAll({ db: misconfigured.db, clock, exchange: misconfigured.exchange });
    const out = await misconfigured.db
      .selectFrom('messages')
      .select('status')
      .where('id', '=', sent.id)
      .executeTakeFirstOrThrow();
    expect(out.status).toBe('queued');
    const waiting = await misconfigured.db
      .selectFrom('outbox')
      .select(['attempts', 'last_error'])
      .where('message_id', '=', sent.id)
      .executeTakeFirstOrThrow();
    expect(waiting.attempts).toBe(1);
    expect(waiting.last_error).toMatch(/^transport\.unreachable.*(certificate|issuer)/i);
    expect(
      await judiciary.db.selectFrom('messages').select('id').where('id', '=', sent.id).execute(),
    ).toEqual([]);
  });
});
