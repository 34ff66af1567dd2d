import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeJurisdiction } from '../../../../test/factories.js';
import type { BlobStore } from '../../platform/blob-store/blob-store.js';
import { systemClock } from '../../platform/clock.js';
import type { Exchange } from '../exchange/exchange.js';
import { exportEvidenceBundle } from './bundle/bundle-export.usecase.js';
import { flipJwsPayloadChar } from './bundle/bundle-tamper.fixture.js';
import { formatFailure, verifyEvidenceBundle } from './bundle/bundle-verify.usecase.js';
import { exchangeCaseMessages, type CaseExchange } from './case-exchange.fixture.js';

const { db } = await useTestDatabase();
let exchange: Exchange;
let blobs: BlobStore;
let tmp: string;
let sent: CaseExchange;

/** Changes one column of one evidence row behind the application's back, runs `check`, then puts it back. */
async function withTamperedRow(
  idx: number,
  column: 'entry' | 'leaf_hash',
  value: string,
  check: () => Promise<void>,
) {
  const original = await db
    .selectFrom('evidence_log')
    .select(column)
    .where('idx', '=', idx)
    .executeTakeFirstOrThrow();
  const set = async (to: string) =>
    db.transaction().execute(async (tx) => {
      await sql`alter table evidence_log disable trigger user`.execute(tx);
      await tx
        .updateTable('evidence_log')
        .set({ [column]: to })
        .where('idx', '=', idx)
        .execute();
      await sql`alter table evidence_log enable trigger user`.execute(tx);
    });
  await set(value);
  try {
    await check();
  } finally {
    await set((original as Record<string, string>)[column]!);
  }
}

/** Exports the case's bundle as it is now and verifies it offline: the failures, as the CLI prints them. */
async function bundleFailures(name: string): Promise<string[]> {
  const file = path.join(tmp, `${name}.zip`);
  await exportEvidenceBundle({
    db,
    blobs,
    caseRef: sent.caseRef,
    signer: exchange.signer,
    clock: systemClock,
    outFile: file,
  });
  return (await verifyEvidenceBundle(file)).failures.map(formatFailure);
}

/** The case's log entry of this kind about this message. */
const entryOf = (ref: string, kind: string) =>
  db
    .selectFrom('evidence_log')
    .select(['idx', 'entry', 'leaf_hash'])
    .where('ref', '=', ref)
    .where('kind', '=', kind)
    .executeTakeFirstOrThrow();

describe('tampering with a stored evidence-log row', () => {
  beforeAll(async () => {
    ({ exchange, blobs } = await useTestApp(db));
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-evidence-tamper-'));
    const { station, office } = await makeJurisdiction(db);
    sent = await exchangeCaseMessages({ db, blobs, exchange, station, office });
  });
  afterAll(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('leaves an untouched log verifying', async () => {
    expect(await bundleFailures('untouched')).toEqual([]);
  });

  it('is found when its entry (the signed bytes) changes: the verification names that entry', async () => {
    const messageId = sent.stationMessages[1]!;
    const row = await entryOf(messageId, 'message.received');
    await withTamperedRow(row.idx, 'entry', flipJwsPayloadChar(row.entry), async () => {
      const failures = await bundleFailures('entry');
      expect(failures.length).toBeGreaterThan(0);
      expect(failures.some((f) => f.includes(`entry ${row.idx} (message.received)`))).toBe(true);
    });
  });

  it('is found when its leaf hash changes: the verification names that entry', async () => {
    const messageId = sent.officeMessages[0]!;
    const row = await entryOf(messageId, 'receipt.issued');
    await withTamperedRow(row.idx, 'leaf_hash', 'f'.repeat(64), async () => {
      const failures = await bundleFailures('leaf');
      expect(failures.some((f) => f.includes(`entry ${row.idx} (receipt.issued)`))).toBe(true);
    });
  });

  it('is found when a receipt’s entry changes', async () => {
    const messageId = sent.stationMessages[0]!;
    const row = await entryOf(messageId, 'receipt.received');
    await withTamperedRow(row.idx, 'entry', flipJwsPayloadChar(row.entry), async () => {
      const failures = await bundleFailures('receipt-entry');
      expect(failures.some((f) => f.includes(`entry ${row.idx} (receipt.received)`))).toBe(true);
    });
  });
});
