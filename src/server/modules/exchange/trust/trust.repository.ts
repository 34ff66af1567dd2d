import type { KeyObject } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import type { OwnTrustEntry, TrustEntry } from '../../../../domain/trust.schema.js';
import type { DbOrTx } from '../../../db/client.js';
import { importPublicJwk, keyIdOf } from '../../../platform/crypto/signing.js';
import type { NodeKeys } from './node-keys.usecase.js';

/** A key that can check signatures: the node it belongs to, and whether it was revoked. */
export interface VerificationKey {
  kid: string;
  nodeId: string;
  publicKey: KeyObject;
  revoked: boolean;
}

/** The key with this id from the trust store, or null if no trusted node has it. */
export async function findVerificationKey(db: DbOrTx, kid: string): Promise<VerificationKey | null> {
  const row = await db.selectFrom('peer_keys').selectAll().where('kid', '=', kid).executeTakeFirst();
  if (!row) return null;
  return {
    kid: row.kid,
    nodeId: row.node_id,
    publicKey: importPublicJwk(row.public_jwk),
    revoked: row.revoked_at !== null,
  };
}

/** Registers this node's own public keys so that its own messages and receipts verify like anyone's. */
export async function registerOwnKeys(db: DbOrTx, nodeId: string, keys: NodeKeys): Promise<void> {
  await db
    .insertInto('peers')
    .values({ node_id: nodeId, base_url: null })
    .onConflict((oc) => oc.column('node_id').doNothing())
    .execute();
  for (const k of keys.publicKeys) {
    await db
      .insertInto('peer_keys')
      .values({ kid: k.kid, node_id: nodeId, public_jwk: JSON.stringify(k.jwk) })
      .onConflict((oc) => oc.column('kid').doNothing())
      .execute();
  }
}

/** The province codes among `codes` that the reference tables do not know. */
export async function unknownProvinceCodes(db: DbOrTx, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const known = await db.selectFrom('provinces').select('code').where('code', 'in', codes).execute();
  const found = new Set(known.map((r) => r.code));
  return codes.filter((code) => !found.has(code));
}

/**
 * Adds (or updates) a trusted peer from its trust entry: its URL, its keys (new ones added, none
 * removed: old keys keep old signatures verifiable) and the organisations it hosts.
 */
export async function upsertPeer(
  db: DbOrTx,
  entry: TrustEntry,
): Promise<{ keysAdded: number; organisations: number }> {
  await db
    .insertInto('peers')
    .values({ node_id: entry.nodeId, base_url: entry.baseUrl })
    .onConflict((oc) => oc.column('node_id').doUpdateSet({ base_url: entry.baseUrl }))
    .execute();
  let keysAdded = 0;
  for (const jwk of entry.keys) {
    const kid = keyIdOf(importPublicJwk(jwk));
    const res = await db
      .insertInto('peer_keys')
      .values({ kid, node_id: entry.nodeId, public_jwk: JSON.stringify(jwk) })
      .onConflict((oc) => oc.column('kid').doNothing())
      .executeTakeFirst();
    keysAdded += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  for (const org of entry.organisations) {
    await db
      .insertInto('counties')
      .values({
        code: org.countyCode,
        province_code: org.provinceCode,
        name_fa: org.countyCode,
        name_en: org.countyCode,
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
    await db
      .insertInto('organisations')
      .values({
        id: randomUUID(),
        code: org.code,
        kind: org.kind,
        name_fa: org.nameFa,
        name_en: org.nameEn,
        province_code: org.provinceCode,
        county_code: org.countyCode,
        node_id: entry.nodeId,
      })
      .onConflict((oc) =>
        oc.column('code').doUpdateSet({ node_id: entry.nodeId, name_fa: org.nameFa, name_en: org.nameEn }),
      )
      .execute();
  }
  return { keysAdded, organisations: entry.organisations.length };
}

/** Revokes a key: from now on nothing signed with it is accepted. */
export async function revokeKey(db: DbOrTx, kid: string, now: Date): Promise<boolean> {
  const res = await db
    .updateTable('peer_keys')
    .set({ revoked_at: now })
    .where('kid', '=', kid)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** The trusted peers with their keys. */
export async function listPeers(db: DbOrTx) {
  const peers = await db.selectFrom('peers').selectAll().orderBy('node_id').execute();
  const keys = await db.selectFrom('peer_keys').selectAll().execute();
  return peers.map((p) => ({
    nodeId: p.node_id,
    baseUrl: p.base_url,
    keys: keys
      .filter((k) => k.node_id === p.node_id)
      .map((k) => ({ kid: k.kid, revoked: k.revoked_at !== null })),
  }));
}

/** The base URL of a peer node, or null for this node or an unknown one. */
export async function findPeerUrl(db: DbOrTx, nodeId: string): Promise<string | null> {
  const row = await db
    .selectFrom('peers')
    .select('base_url')
    .where('node_id', '=', nodeId)
    .executeTakeFirst();
  return row?.base_url ?? null;
}

/** This node's own trust entry, for the other side to import. */
export async function exportOwnTrustEntry(
  db: DbOrTx,
  input: { nodeId: string; baseUrl: string | null; keys: NodeKeys },
): Promise<OwnTrustEntry> {
  const orgs = await db
    .selectFrom('organisations')
    .selectAll()
    .where('node_id', '=', input.nodeId)
    .orderBy('code')
    .execute();
  return {
    nodeId: input.nodeId,
    baseUrl: input.baseUrl,
    keys: input.keys.publicKeys.map((k) => k.jwk),
    organisations: orgs.map((o) => ({
      code: o.code,
      kind: o.kind,
      nameFa: o.name_fa,
      nameEn: o.name_en,
      provinceCode: o.province_code,
      countyCode: o.county_code,
    })),
  };
}
