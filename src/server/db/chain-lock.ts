import { sql } from 'kysely';
import type { Tx } from './client.js';

const CHAINS_LOCK = 727002;

/**
 * Serialises appends to the node's append-only chains — the hash-chained audit log and the Merkle
 * evidence log — until the transaction ends, so that each chain stays linear and dense. One lock
 * for both, so that two transactions can never take them in opposite orders and deadlock.
 * (At national scale this is the write bottleneck to shard: per-organisation chains.)
 */
export async function lockAppendOnlyChains(tx: Tx): Promise<void> {
  await sql`select pg_advisory_xact_lock(${CHAINS_LOCK})`.execute(tx);
}
