import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeJurisdiction, makeUser } from '../../../../test/factories.js';
import type { SignedTreeHead } from '../../../domain/evidence/tree-head.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { BlobStore } from '../../platform/blob-store/blob-store.js';
import { fromHex } from '../../platform/crypto/hash.js';
import {
  leafHash,
  merkleTreeHead,
  verifyConsistency,
  verifyInclusion,
} from '../../platform/crypto/merkle.js';
import { importPublicJwk } from '../../platform/crypto/signing.js';
import type { Exchange } from '../exchange/exchange.js';
import { exchangeCaseMessages, type CaseExchange } from './case-exchange.fixture.js';
import type { ConsistencyProofView, InclusionProofView } from './evidence.usecase.js';
import { openTreeHead } from './tree-head-signing.codec.js';

const { db } = await useTestDatabase();
let app: App;
let exchange: Exchange;
let sent: CaseExchange;
let blobs: BlobStore;
const cookies = { admin: '', officer: '', otherOfficer: '', clerk: '', supervisor: '' };

const bytes = (hex: string): Uint8Array => {
  const b = fromHex(hex);
  if (!b) throw new Error(`not hex: ${hex}`);
  return b;
};
const get = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });

/** The node's own key, as a verifier who imported its trust entry holds it. */
const resolveOwnKey = (kid: string) => {
  const found = exchange.keys.publicKeys.find((k) => k.kid === kid);
  return found ? importPublicJwk(found.jwk) : null;
};

describe('the evidence log API', () => {
  beforeAll(async () => {
    ({ app, exchange, blobs } = await useTestApp(db));
    const { station, office } = await makeJurisdiction(db);
    const other = await makeJurisdiction(db);
    sent = await exchangeCaseMessages({ db, blobs, exchange, station, office });
    const users = {
      admin: await makeUser(db, office.id, 'admin'),
      supervisor: await makeUser(db, office.id, 'supervisor'),
      officer: await makeUser(db, station.id, 'station.officer'),
      otherOfficer: await makeUser(db, other.station.id, 'station.officer'),
      clerk: await makeUser(db, office.id, 'prosecutor.clerk'),
    };
    for (const [name, user] of Object.entries(users))
      cookies[name as keyof typeof cookies] = await signIn(app, user.username);
  });

  it('serves a signed tree head over the whole log, whose signature verifies with the node’s key', async () => {
    const res = await get('/api/evidence/tree-head', cookies.supervisor);
    expect(res.statusCode).toBe(200);
    const head = res.json<SignedTreeHead>();
    const leaves = await db.selectFrom('evidence_log').select('entry').orderBy('idx').execute();
    expect(head.treeSize).toBe(leaves.length);
    expect(head.nodeId).toBe(exchange.nodeId);
    const root = merkleTreeHead(leaves.map((l) => leafHash(new TextEncoder().encode(l.entry))));
    expect(bytes(head.rootHash)).toEqual(root);
    const opened = openTreeHead(head.jws, resolveOwnKey);
    expect(opened).toEqual({
      ok: true,
      kid: exchange.signer.kid,
      head: {
        nodeId: head.nodeId,
        treeSize: head.treeSize,
        rootHash: head.rootHash,
        timestamp: head.timestamp,
      },
    });
  });

  it('keeps the node-wide tree head from station users', async () => {
    const res = await get('/api/evidence/tree-head', cookies.officer);
    expect(res.statusCode).toBe(403);
  });

  it('serves an inclusion proof by idx that verifies with merkle.ts against the signed root', async () => {
    const res = await get('/api/evidence/proof?idx=5', cookies.admin);
    expect(res.statusCode).toBe(200);
    const proof = res.json<InclusionProofView>();
    const entry = await db
      .selectFrom('evidence_log')
      .select('entry')
      .where('idx', '=', 5)
      .executeTakeFirstOrThrow();
    expect(bytes(proof.leafHash)).toEqual(leafHash(new TextEncoder().encode(entry.entry)));
    expect(openTreeHead(proof.treeHead.jws, resolveOwnKey).ok).toBe(true);
    expect(proof.rootHash).toBe(proof.treeHead.rootHash);
    const check = {
      leafHash: bytes(proof.leafHash),
      index: 5,
      treeSize: proof.treeSize,
      proof: proof.inclusionProof.map(bytes),
      rootHash: bytes(proof.treeHead.rootHash),
    };
    expect(verifyInclusion(check)).toBe(true);
    expect(verifyInclusion({ ...check, index: 4 })).toBe(false);
  });

  it('serves an inclusion proof by message id and kind to the case’s own organisations, and not found to another', async () => {
    const messageId = sent.officeMessages[0] ?? '';
    const url = `/api/evidence/proof?messageId=${messageId}&kind=receipt.issued`;
    for (const cookie of [cookies.officer, cookies.clerk]) {
      const res = await get(url, cookie);
      expect(res.statusCode).toBe(200);
      const proof = res.json<InclusionProofView>();
      expect(proof).toMatchObject({ kind: 'receipt.issued', ref: messageId, caseRef: sent.caseRef });
      expect(
        verifyInclusion({
          leafHash: bytes(proof.leafHash),
          index: proof.idx,
          treeSize: proof.treeSize,
          proof: proof.inclusionProof.map(bytes),
          rootHash: bytes(proof.rootHash),
        }),
      ).toBe(true);
    }
    const outsider = await get(url, cookies.otherOfficer);
    expect(outsider.statusCode).toBe(404);
    expect(outsider.json()).toMatchObject({ error: { code: 'cases.not_found' } });
    expect((await get('/api/evidence/proof?idx=999999', cookies.otherOfficer)).statusCode).toBe(404);
    expect((await get('/api/evidence/proof', cookies.admin)).statusCode).toBe(400);
  });

  it('serves consistency proofs between an earlier signed head and a later one that verify with merkle.ts', async () => {
    const before = (await get('/api/evidence/tree-head', cookies.admin)).json<SignedTreeHead>();
    const { station, office } = await makeJurisdiction(db);
    await exchangeCaseMessages({ db, blobs, exchange, station, office });
    const after = (await get('/api/evidence/tree-head', cookies.admin)).json<SignedTreeHead>();
    expect(after.treeSize).toBeGreaterThan(before.treeSize);

    for (const from of [1, 3, before.treeSize]) {
      const res = await get(
        `/api/evidence/consistency?from=${from}&to=${after.treeSize}`,
        cookies.supervisor,
      );
      expect(res.statusCode).toBe(200);
      const body = res.json<ConsistencyProofView>();
      expect(body.toRoot).toBe(after.rootHash);
      expect(
        verifyConsistency({
          m: from,
          n: after.treeSize,
          proof: body.proof.map(bytes),
          oldRoot: bytes(body.fromRoot),
          newRoot: bytes(after.rootHash),
        }),
      ).toBe(true);
      if (from === before.treeSize) expect(body.fromRoot).toBe(before.rootHash);
    }
    expect(
      (await get(`/api/evidence/consistency?from=2&to=${after.treeSize + 1}`, cookies.admin)).statusCode,
    ).toBe(400);
    expect((await get(`/api/evidence/consistency?from=2&to=3`, cookies.officer)).statusCode).toBe(403);
  });
});
