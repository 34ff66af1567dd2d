import type { KeyObject } from 'node:crypto';
import type { DbOrTx } from '../../../db/client.js';
import { findVerificationKey } from './trust.repository.js';

/** A trusted node's public key, as fixed as its id: the key itself and the node it belongs to. */
export interface TrustedKey {
  kid: string;
  nodeId: string;
  publicKey: KeyObject;
}

/** The trust store's keys by id, each read (and imported from its JWK) once. */
export interface TrustedKeys {
  /** The key with this id, or null if no trusted node has it (asked of the database again next time). */
  find(kid: string): Promise<TrustedKey | null>;
}

/**
 * Remembers the keys of the trust store once read. Nothing remembered can go stale: a key id is the
 * key's own thumbprint, and a key, once stored, is never moved to another node (`peer_keys` only
 * takes new rows). What can change — a revocation — is not remembered: it is read in the transaction
 * that accepts each message (`lockInboundThread`). Unknown ids are not remembered either, so the
 * cache holds at most the trust store's keys.
 */
export function createTrustedKeys(db: DbOrTx): TrustedKeys {
  const known = new Map<string, TrustedKey>();
  return {
    async find(kid) {
      const cached = known.get(kid);
      if (cached) return cached;
      const row = await findVerificationKey(db, kid);
      if (!row) return null;
      const key = { kid: row.kid, nodeId: row.nodeId, publicKey: row.publicKey };
      known.set(kid, key);
      return key;
    },
  };
}
