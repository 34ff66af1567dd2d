import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/app.js';
import { runCli } from '../../test/cli.js';
import { useTestDatabase } from '../../test/db.js';
import { makeDraftCase, makeJurisdiction, makeUser, TEST_NODE_ID } from '../../test/factories.js';
import { loadConfig, type Config } from '../server/config.js';
import {
  flipJwsPayloadChar,
  readManifest,
  rewriteBundle,
} from '../server/modules/evidence/bundle/bundle-tamper.fixture.js';
import { exchangeCaseMessages, type CaseExchange } from '../server/modules/evidence/case-exchange.fixture.js';
import { CliError, type CliIo } from './cli-error.js';
import { runEvidenceExport } from './evidence-export.command.js';
import { runVerify } from './verify.command.js';

const { db, url } = await useTestDatabase();
let env: Record<string, string>;
let config: Config;
let sent: CaseExchange;
let tmp: string;
let node: Pick<Awaited<ReturnType<typeof useTestApp>>, 'exchange' | 'blobs'>;
const hasBin = await fs.access(path.join(import.meta.dirname, '../../bin/casebridge.js')).then(
  () => true,
  () => false,
);

function capture(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => lines.push(line), err: (line) => errors.push(line) };
}

describe('casebridge evidence export and casebridge verify', () => {
  beforeAll(async () => {
    const { exchange, blobs, dataDir } = await useTestApp(db);
    node = { exchange, blobs };
    const { station, office } = await makeJurisdiction(db);
    sent = await exchangeCaseMessages({ db, blobs, exchange, station, office });
    env = { DATABASE_URL: url, DATA_DIR: dataDir, NODE_ID: TEST_NODE_ID, LOG_LEVEL: 'silent' };
    config = loadConfig(env);
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-cli-evidence-'));
  });
  afterAll(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('exports a case’s bundle and verifies it OK, with its counts (in process)', async () => {
    const out = path.join(tmp, 'in-process.zip');
    const exportIo = capture();
    expect(await runEvidenceExport(config, { caseRef: sent.caseRef, out }, exportIo)).toBe(0);
    expect(exportIo.lines[0]).toMatch(
      /^OK: wrote .*in-process\.zip \(\d+ bytes\): 4 messages, 4 receipts, 2 documents, 1 keys, 16 log entries; signed tree head size \d+, root [0-9a-f]{64}$/,
    );

    const verifyIo = capture();
    expect(await runVerify(out, verifyIo)).toBe(0);
    expect(verifyIo.lines).toHaveLength(1);
    expect(verifyIo.lines[0]).toMatch(
      new RegExp(
        `^OK: evidence bundle of case ${sent.caseRef} from node ${TEST_NODE_ID} verifies: 4 messages, 4 receipts, 2 documents, 1 keys, 16 log entries under the signed tree head of size \\d+, root [0-9a-f]{64}$`,
      ),
    );
  });

  it('lists each failure of a tampered bundle and exits 2 (in process)', async () => {
    const out = path.join(tmp, 'to-tamper.zip');
    await runEvidenceExport(config, { caseRef: sent.caseRef, out }, capture());
    const manifest = await readManifest(out);
    const receipt = manifest.receipts[0]?.file ?? '';
    const document = `documents/${sent.documents[1]?.sha256 ?? ''}`;
    const tampered = path.join(tmp, 'tampered.zip');
    await rewriteBundle(out, tampered, (name, bytes) => {
      if (name === receipt) return Buffer.from(flipJwsPayloadChar(bytes.toString()));
      if (name === document) bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes;
    });
    const io = capture();
    expect(await runVerify(tampered, io)).toBe(2);
    expect(io.lines[0]).toMatch(/^FAILED: \d+ problem\(s\) in /);
    expect(io.lines).toContain(`  ${receipt}: signature invalid`);
    expect(io.lines.some((l) => l.startsWith(`  ${document}: hash mismatch`))).toBe(true);
  });

  it('takes a case by its number with the station\u2019s code, and says which to give when the number repeats across stations', async () => {
    const numbered = async () => {
      const { station, office } = await makeJurisdiction(db);
      const officer = await makeUser(db, station.id, 'station.officer');
      const draft = await makeDraftCase(db, { orgId: station.id, userId: officer.id });
      await db.updateTable('cases').set({ case_number: '1405/000019' }).where('id', '=', draft.id).execute();
      return { station, office, caseRef: draft.id };
    };
    const first = await numbered();
    const second = await numbered();
    for (const c of [first, second]) await exchangeCaseMessages({ db, ...node, ...c });

    const out = path.join(tmp, 'by-number.zip');
    const io = capture();
    expect(await runEvidenceExport(config, { caseRef: `${second.station.code}:۱۴۰۵/۱۹`, out }, io)).toBe(0);
    expect((await readManifest(out)).caseRef).toBe(second.caseRef);

    const ambiguous = await runEvidenceExport(config, { caseRef: '1405/000019', out }, capture()).catch(
      (error: unknown) => error,
    );
    expect(ambiguous).toBeInstanceOf(CliError);
    expect((ambiguous as CliError).message).toMatch(/^case number 1405\/000019 names 2 cases /);
    for (const c of [first, second])
      expect((ambiguous as CliError).message).toContain(`${c.station.code}:1405/000019 (id ${c.caseRef})`);
    await expect(
      runEvidenceExport(config, { caseRef: 'KL-NOPE:1405/000019', out }, capture()),
    ).rejects.toThrow(
      /^no case numbered KL-NOPE:1405\/000019 on this node; give the case's id, or its number/,
    );
  });

  it('says so when the log knows nothing about the case, or DATA_DIR holds no node keys', async () => {
    await expect(
      runEvidenceExport(config, { caseRef: 'no-such-case', out: path.join(tmp, 'x.zip') }, capture()),
    ).rejects.toThrow(
      new CliError(
        "no evidence about case no-such-case in this node's log; give the case's id, or its number with the station's code (e.g. KL-101:1405/000019)",
      ),
    );
    const empty = await fs.mkdtemp(path.join(tmp, 'empty-'));
    await expect(
      runEvidenceExport({ ...config, dataDir: empty }, { caseRef: sent.caseRef }, capture()),
    ).rejects.toThrow(/no node keys/);
  });

  it.runIf(hasBin)(
    'runs both as real child processes: export, verify OK (exit 0), verify a tampered copy (exit 2)',
    { timeout: 120_000 },
    async () => {
      const out = path.join(tmp, 'child.zip');
      const exported = await runCli(['evidence', 'export', sent.caseRef, '--out', out], { env });
      expect(exported.stderr).toBe('');
      expect(exported.code).toBe(0);
      expect(exported.stdout).toMatch(/^OK: wrote /);

      const verified = await runCli(['verify', out]);
      expect(verified.code).toBe(0);
      expect(verified.stdout).toMatch(
        /^OK: evidence bundle of case .* 4 messages, 4 receipts, 2 documents, 1 keys, 16 log entries/,
      );

      const manifest = await readManifest(out);
      const message = manifest.messages[0]?.file ?? '';
      const tampered = path.join(tmp, 'child-tampered.zip');
      await rewriteBundle(out, tampered, (name, bytes) =>
        name === message ? Buffer.from(flipJwsPayloadChar(bytes.toString())) : bytes,
      );
      const refused = await runCli(['verify', tampered]);
      expect(refused.code).toBe(2);
      expect(refused.stdout).toContain(`  ${message}: signature invalid`);
    },
  );
});
