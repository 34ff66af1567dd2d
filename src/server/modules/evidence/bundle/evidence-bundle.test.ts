import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/app.js';
import { useTestDatabase } from '../../../../../test/db.js';
import { makeJurisdiction } from '../../../../../test/factories.js';
import { bundleManifestSchema, type BundleManifest } from '../../../../domain/evidence/bundle-manifest.js';
import type { BlobStore } from '../../../platform/blob-store/blob-store.js';
import { systemClock } from '../../../platform/clock.js';
import { uuidv7 } from '../../../../domain/messages/envelope.js';
import { sealMessage } from '../../../platform/crypto/message-signing.js';
import type { Exchange } from '../../exchange/exchange.js';
import { receiveMessage } from '../../exchange/receive-message.js';
import { exportEvidenceBundle } from './bundle-export.usecase.js';
import { flipJwsPayloadChar, memberNames, readManifest, rewriteBundle } from './bundle-tamper.fixture.js';
import { formatFailure, verifyEvidenceBundle } from './bundle-verify.usecase.js';
import { exchangeCaseMessages, type CaseExchange } from '../case-exchange.fixture.js';

const { db } = await useTestDatabase();
let exchange: Exchange;
let blobs: BlobStore;
let tmp: string;
let sent: CaseExchange;
let bundle: string;
let manifest: BundleManifest;

const failuresOf = async (file: string) => (await verifyEvidenceBundle(file)).failures.map(formatFailure);
const messageFile = (id: string) => {
  const found = manifest.messages.find((m) => m.id === id);
  if (!found) throw new Error(`no message ${id} in the manifest`);
  return found.file;
};

describe('the evidence bundle of a case', () => {
  beforeAll(async () => {
    ({ exchange, blobs } = await useTestApp(db));
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-bundle-'));
    const { station, office } = await makeJurisdiction(db);
    await exchangeCaseMessages({ db, blobs, exchange, station, office }); // another case, before: not in the bundle
    sent = await exchangeCaseMessages({ db, blobs, exchange, station, office });
    await exchangeCaseMessages({ db, blobs, exchange, station, office }); // and after
    bundle = path.join(tmp, 'bundle.zip');
    await exportEvidenceBundle({
      db,
      blobs,
      caseRef: sent.caseRef,
      signer: exchange.signer,
      clock: systemClock,
      outFile: bundle,
    });
    manifest = await readManifest(bundle);
  });
  afterAll(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('holds the case’s messages and receipts in both directions, its documents, the signers’ keys and a README', async () => {
    expect(bundleManifestSchema.safeParse(manifest).success).toBe(true);
    expect(manifest.caseRef).toBe(sent.caseRef);
    expect(manifest.messages.map((m) => m.id).sort()).toEqual(
      [...sent.stationMessages, ...sent.officeMessages].sort(),
    );
    // each message on one node: sent, received, receipt issued, receipt received
    expect(manifest.entries).toHaveLength(16);
    expect(manifest.receipts).toHaveLength(4);
    expect(manifest.documents.map((d) => d.sha256).sort()).toEqual(
      sent.documents.map((d) => d.sha256).sort(),
    );
    expect(manifest.keys.map((k) => k.kid)).toEqual([exchange.signer.kid]);
    expect(manifest.treeHead.treeSize).toBe(48);
    const names = await memberNames(bundle);
    expect(names).toEqual(
      expect.arrayContaining([
        'README.txt',
        'manifest.json',
        `keys/${exchange.signer.kid}.jwk.json`,
        `messages/2-case.supplemented-${sent.stationMessages[1]}.jws`,
        `messages/1-intake.returned-${sent.officeMessages[0]}.jws`,
        `receipts/${sent.officeMessages[0]}.jws`,
        ...sent.documents.map((d) => `documents/${d.sha256}`),
      ]),
    );
    expect(names).toHaveLength(2 + 1 + 4 + 4 + 2);
  });

  it('verifies OK offline, with its counts', async () => {
    const report = await verifyEvidenceBundle(bundle);
    expect(report.failures).toEqual([]);
    expect(report).toMatchObject({
      ok: true,
      caseRef: sent.caseRef,
      treeSize: 48,
      counts: { messages: 4, receipts: 4, documents: 2, keys: 1, entries: 16, refused: 0 },
    });
  });

  it('names a document with one byte flipped: hash mismatch', async () => {
    const sha = sent.documents[0]?.sha256 ?? '';
    const tampered = path.join(tmp, 'document.zip');
    await rewriteBundle(bundle, tampered, (name, bytes) => {
      if (name === `documents/${sha}`) bytes[100] = (bytes[100] ?? 0) ^ 0xff;
      return bytes;
    });
    const failures = await failuresOf(tampered);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(new RegExp(`^documents/${sha}: hash mismatch`));
  });

  it('names a message JWS with one byte changed: its signature is invalid', async () => {
    const file = messageFile(sent.stationMessages[1] ?? '');
    const tampered = path.join(tmp, 'message.zip');
    await rewriteBundle(bundle, tampered, (name, bytes) =>
      name === file ? Buffer.from(flipJwsPayloadChar(bytes.toString())) : bytes,
    );
    const failures = await failuresOf(tampered);
    expect(failures).toContain(`${file}: signature invalid`);
    // its two log entries (sent, received) no longer hash to their leaves; nothing else is blamed
    expect(failures.every((f) => f.startsWith(`${file}: `))).toBe(true);
    expect(failures).toHaveLength(3);
  });

  it('names a receipt with one byte changed', async () => {
    const file = `receipts/${sent.officeMessages[0]}.jws`;
    const tampered = path.join(tmp, 'receipt.zip');
    await rewriteBundle(bundle, tampered, (name, bytes) =>
      name === file ? Buffer.from(flipJwsPayloadChar(bytes.toString())) : bytes,
    );
    const failures = await failuresOf(tampered);
    expect(failures).toContain(`${file}: signature invalid`);
    expect(failures.every((f) => f.startsWith(`${file}: `))).toBe(true);
  });

  it('names a message dropped from the middle of its thread (with its receipt and log entries) as a gap', async () => {
    const dropped = sent.stationMessages[1] ?? '';
    const file = messageFile(dropped);
    const receipt = `receipts/${dropped}.jws`;
    const edited: BundleManifest = {
      ...manifest,
      messages: manifest.messages.filter((m) => m.id !== dropped),
      receipts: manifest.receipts.filter((r) => r.messageId !== dropped),
      entries: manifest.entries.filter((e) => e.file !== file && e.file !== receipt),
    };
    const tampered = path.join(tmp, 'gap.zip');
    await rewriteBundle(bundle, tampered, (name, bytes) => {
      if (name === file || name === receipt) return null;
      return name === 'manifest.json' ? Buffer.from(JSON.stringify(edited)) : bytes;
    });
    const failures = await failuresOf(tampered);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(
      /^thread KL-\w+ → DA-\w+: seq 2 missing: gap before messages\/3-case\.supplemented-/,
    );
  });

  it('names a message file missing from the archive', async () => {
    const file = messageFile(sent.stationMessages[0] ?? '');
    const tampered = path.join(tmp, 'missing.zip');
    await rewriteBundle(bundle, tampered, (name, bytes) => (name === file ? null : bytes));
    expect(await failuresOf(tampered)).toEqual([`${file}: missing from the bundle`]);
  });

  it('names a tree head whose root was altered in the manifest, and one whose signature was', async () => {
    const root = manifest.treeHead.rootHash;
    const altered = {
      ...manifest,
      treeHead: { ...manifest.treeHead, rootHash: `${root.slice(0, -1)}${root.endsWith('0') ? '1' : '0'}` },
    };
    const rootTampered = path.join(tmp, 'root.zip');
    await rewriteBundle(bundle, rootTampered, (name, bytes) =>
      name === 'manifest.json' ? Buffer.from(JSON.stringify(altered)) : bytes,
    );
    expect(await failuresOf(rootTampered)).toEqual([
      'manifest.json: treeHead.rootHash differs from the signed tree head',
    ]);

    const forged = {
      ...manifest,
      treeHead: { ...manifest.treeHead, jws: flipJwsPayloadChar(manifest.treeHead.jws) },
    };
    const sigTampered = path.join(tmp, 'sth.zip');
    await rewriteBundle(bundle, sigTampered, (name, bytes) =>
      name === 'manifest.json' ? Buffer.from(JSON.stringify(forged)) : bytes,
    );
    expect(await failuresOf(sigTampered)).toEqual(['manifest.json: treeHead: signature invalid']);
  });

  it('names an inclusion proof that does not lead to the signed root', async () => {
    const target = manifest.entries[3];
    if (!target) throw new Error('no entry');
    const [first = '', ...rest] = target.inclusionProof;
    const bad = {
      ...manifest,
      entries: manifest.entries.map((e) =>
        e.idx === target.idx
          ? { ...e, inclusionProof: [`${first.slice(0, -1)}${first.endsWith('0') ? '1' : '0'}`, ...rest] }
          : e,
      ),
    };
    const tampered = path.join(tmp, 'proof.zip');
    await rewriteBundle(bundle, tampered, (name, bytes) =>
      name === 'manifest.json' ? Buffer.from(JSON.stringify(bad)) : bytes,
    );
    expect(await failuresOf(tampered)).toEqual([
      `${target.file}: entry ${target.idx} (${target.kind}): inclusion proof does not verify against the signed tree head (size 48)`,
    ]);
  });

  it('names a file slipped into the archive, and an archive that is not a bundle', async () => {
    const tampered = path.join(tmp, 'extra.zip');
    await rewriteBundle(bundle, tampered, (_name, bytes) => bytes, [
      { name: 'messages/9-order.closed-x.jws', data: Buffer.from('x') },
    ]);
    expect(await failuresOf(tampered)).toEqual(['messages/9-order.closed-x.jws: not listed in the manifest']);
    const notZip = path.join(tmp, 'not.zip');
    await fs.writeFile(notZip, 'hello');
    const report = await verifyEvidenceBundle(notZip);
    expect(report.ok).toBe(false);
    expect(report.failures[0]?.file).toBe('not.zip');
  });

  it('includes a message the node refused, kept as evidence, and still verifies', async () => {
    const caseRef = crypto.randomUUID();
    const { jws } = sealMessage({
      envelope: {
        id: uuidv7(),
        type: 'intake.registered',
        from: { node: exchange.nodeId, org: 'DA-NOWHERE' },
        to: { node: 'another-node', org: 'KL-NOWHERE' },
        caseRef,
        thread: { prev: null, seq: 1 },
        createdAt: new Date().toISOString(),
        createdBy: 'clerk',
        body: { fileNumber: '1', branch: 'b', assignedJudge: 'j', registeredAt: new Date().toISOString() },
        documents: [],
      },
      privateKey: exchange.signer.privateKey,
      kid: exchange.signer.kid,
    });
    expect(await receiveMessage(exchange.receiver, jws)).toEqual({
      outcome: 'refused',
      reason: 'message.wrong_recipient',
    });
    const out = path.join(tmp, 'refused.zip');
    const summary = await exportEvidenceBundle({
      db,
      blobs,
      caseRef,
      signer: exchange.signer,
      clock: systemClock,
      outFile: out,
    });
    expect(summary).toMatchObject({ entries: 1, refused: 1, messages: 0 });
    const report = await verifyEvidenceBundle(out);
    expect(report.failures).toEqual([]);
    expect(report.counts).toMatchObject({ entries: 1, refused: 1 });
  });

  it('refuses to export a case the log knows nothing about', async () => {
    await expect(
      exportEvidenceBundle({
        db,
        blobs,
        caseRef: crypto.randomUUID(),
        signer: exchange.signer,
        clock: systemClock,
        outFile: path.join(tmp, 'none.zip'),
      }),
    ).rejects.toMatchObject({ code: 'cases.not_found' });
    await expect(fs.access(path.join(tmp, 'none.zip'))).rejects.toThrow();
  });
});
