import { sql } from 'kysely';
import type { EvidenceKind } from '../../../domain/evidence/evidence-kinds.js';
import type { DbOrTx } from '../../db/client.js';
import { fromHex } from '../../platform/crypto/hash.js';

export type { EvidenceKind } from '../../../domain/evidence/evidence-kinds.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One row of the evidence log as the evidence module reads it. */
export interface EvidenceEntry {
  idx: number;
  kind: EvidenceKind;
  ref: string;
  caseRef: string | null;
  /** The exact bytes appended (a compact JWS, or whatever a refused sender sent). */
  entry: string;
  leafHash: string;
  at: Date;
}

/** A public key from the trust store, as stored (JWK), with its node. */
export interface TrustedKeyRow {
  kid: string;
  nodeId: string;
  publicJwk: unknown;
  revoked: boolean;
}

/** All leaf hashes of the log in order (the tree the proofs are computed over). */
export async function listLeafHashes(db: DbOrTx, treeSize?: number): Promise<string[]> {
  let q = db.selectFrom('evidence_log').select('leaf_hash').orderBy('idx');
  if (treeSize !== undefined) q = q.where('idx', '<', treeSize);
  return (await q.execute()).map((r) => r.leaf_hash);
}

/**
 * The leaf hashes of the log in order, as bytes: one consistent snapshot (a single statement), so the
 * tree head, the proofs and the entries read below it all describe the same tree.
 */
export async function readLeaves(db: DbOrTx): Promise<Uint8Array[]> {
  return (await listLeafHashes(db)).map((hex, idx) => {
    const bytes = fromHex(hex);
    if (!bytes || bytes.length !== 32) throw new Error(`evidence_log leaf ${idx} has a malformed hash`);
    return bytes;
  });
}

/** The entry at this index, or null. */
export async function findEntryByIdx(db: DbOrTx, idx: number): Promise<EvidenceEntry | null> {
  const row = await db.selectFrom('evidence_log').selectAll().where('idx', '=', idx).executeTakeFirst();
  return row ? toEntry(row) : null;
}

/** The first entry of this kind about this message id, or null. */
export async function findEntryByRef(
  db: DbOrTx,
  ref: string,
  kind: EvidenceKind,
): Promise<EvidenceEntry | null> {
  const row = await db
    .selectFrom('evidence_log')
    .selectAll()
    .where('ref', '=', ref)
    .where('kind', '=', kind)
    .orderBy('idx')
    .limit(1)
    .executeTakeFirst();
  return row ? toEntry(row) : null;
}

/** Every entry about a case (both directions, refusals included) below a tree size, in log order. */
export async function listCaseEntries(
  db: DbOrTx,
  caseRef: string,
  treeSize: number,
): Promise<EvidenceEntry[]> {
  const rows = await db
    .selectFrom('evidence_log')
    .selectAll()
    .where('case_ref', '=', caseRef)
    .where('idx', '<', treeSize)
    .orderBy('idx')
    .execute();
  return rows.map(toEntry);
}

/**
 * The organisations of this node a case belongs to: the station whose case id it is, and every
 * organisation of this node that sent or received a message about it.
 */
export async function findCaseOrganisations(db: DbOrTx, caseRef: string): Promise<string[]> {
  const fromMessages = await db
    .selectFrom('messages')
    .select('org_id')
    .distinct()
    .where('case_ref', '=', caseRef)
    .execute();
  const orgs = new Set(fromMessages.map((r) => r.org_id));
  if (UUID.test(caseRef)) {
    const station = await db
      .selectFrom('cases')
      .select('org_id')
      .where('id', '=', caseRef)
      .executeTakeFirst();
    if (station) orgs.add(station.org_id);
  }
  return [...orgs];
}

/** The trust store's keys with these ids (own and peers'); unknown ids are left out. */
export async function findTrustedKeys(db: DbOrTx, kids: readonly string[]): Promise<TrustedKeyRow[]> {
  if (kids.length === 0) return [];
  const rows = await db
    .selectFrom('peer_keys')
    .selectAll()
    .where('kid', 'in', [...kids])
    .orderBy('kid')
    .execute();
  return rows.map((r) => ({
    kid: r.kid,
    nodeId: r.node_id,
    publicJwk: r.public_jwk,
    revoked: r.revoked_at !== null,
  }));
}

function toEntry(row: {
  idx: number;
  kind: string;
  ref: string;
  case_ref: string | null;
  entry: string;
  leaf_hash: string;
  at: Date;
}): EvidenceEntry {
  return {
    idx: row.idx,
    kind: row.kind as EvidenceKind,
    ref: row.ref,
    caseRef: row.case_ref,
    entry: row.entry,
    leafHash: row.leaf_hash,
    at: row.at,
  };
}

/**
 * The cases a number names on this node, each as the station's code and the case's reference (the station's
 * case id, as the messages carry it): from the stations' own files and from the files offices received. Case
 * numbers are counted per station, so one number can name several cases; `stationCode` narrows to one.
 */
export async function findCaseRefsByNumber(
  db: DbOrTx,
  input: { caseNumber: string; stationCode: string | null },
): Promise<{ stationCode: string; caseRef: string }[]> {
  let own = db
    .selectFrom('cases')
    .innerJoin('organisations', 'organisations.id', 'cases.org_id')
    .select(['organisations.code as stationCode', sql<string>`cases.id::text`.as('caseRef')])
    .where('cases.case_number', '=', input.caseNumber);
  let received = db
    .selectFrom('intake_files')
    .select(['source_org as stationCode', 'case_ref as caseRef'])
    .where('case_number', '=', input.caseNumber);
  if (input.stationCode) {
    own = own.where('organisations.code', '=', input.stationCode);
    received = received.where('source_org', '=', input.stationCode);
  }
  const rows = await own.union(received).execute();
  return rows.sort(
    (a, b) => a.stationCode.localeCompare(b.stationCode) || a.caseRef.localeCompare(b.caseRef),
  );
}
