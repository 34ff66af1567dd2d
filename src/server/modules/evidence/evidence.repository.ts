import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../db/client.js';
import { toHex } from '../../platform/crypto/hash.js';
import { leafHash } from '../../platform/crypto/merkle.js';

const EVIDENCE_LOCK = 727003;

/** What the evidence log records: a message or a receipt, sent or received, or a refusal. */
export type EvidenceKind = 'message.sent' | 'message.received' | 'receipt.issued' | 'receipt.received' | 'message.refused';

/**
 * Appends an entry (the exact signed bytes: a JWS) to the node's append-only Merkle log, in the
 * caller's transaction. Leaf hash = SHA-256(0x00 ‖ entry) as in RFC 9162 §2.1.1; indexes are dense
 * (0, 1, 2, …) because appends are serialised by an advisory lock held until commit.
 */
export async function appendEvidence(
  tx: Tx,
  input: { kind: EvidenceKind; ref: string; caseRef: string | null; entry: string; at: Date },
): Promise<{ index: number; leafHash: string }> {
  await sql`select pg_advisory_xact_lock(${EVIDENCE_LOCK})`.execute(tx);
  const last = await tx.selectFrom('evidence_log').select('idx').orderBy('idx', 'desc').limit(1).executeTakeFirst();
  const index = last ? last.idx + 1 : 0;
  const hash = toHex(leafHash(new TextEncoder().encode(input.entry)));
  await tx
    .insertInto('evidence_log')
    .values({ idx: index, kind: input.kind, ref: input.ref, case_ref: input.caseRef, entry: input.entry, leaf_hash: hash, at: input.at })
    .execute();
  return { index, leafHash: hash };
}

/** All leaf hashes of the log in order (the tree the proofs are computed over). */
export async function listLeafHashes(db: DbOrTx, treeSize?: number): Promise<string[]> {
  let q = db.selectFrom('evidence_log').select('leaf_hash').orderBy('idx');
  if (treeSize !== undefined) q = q.where('idx', '<', treeSize);
  return (await q.execute()).map((r) => r.leaf_hash);
}
