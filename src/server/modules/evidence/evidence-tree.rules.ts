/**
 * The evidence log's Merkle tree (RFC 9162 §2.1, src/server/platform/crypto/merkle.ts) as the API and the
 * bundle need it: the head, inclusion proofs and consistency proofs, all in hex.
 *
 * Everything here is computed from the full list of leaf hashes, O(n) per head or proof. That is fine
 * for the logs a node keeps today (tens of thousands of entries). At scale, a stored tree of subtree
 * hashes (one row per complete power-of-two subtree, written as entries are appended, as CT logs do)
 * would take over here: a head or proof would then read O(log n) stored nodes instead of every leaf.
 */
import { toHex } from '../../platform/crypto/hash.js';
import { consistencyProof, inclusionProof, merkleTreeHead } from '../../platform/crypto/merkle.js';

/** The size and root of a tree. */
export interface TreeRoot {
  treeSize: number;
  /** MTH of the leaves, lower-case hex. */
  rootHash: string;
}

/** The root of the tree of the first `treeSize` leaves (all of them by default). */
export function treeRoot(leaves: readonly Uint8Array[], treeSize = leaves.length): TreeRoot {
  return { treeSize, rootHash: toHex(merkleTreeHead(leaves.slice(0, treeSize))) };
}

/** The inclusion path (hex) of leaf `idx` in the tree of the first `treeSize` leaves. */
export function inclusionPathHex(
  leaves: readonly Uint8Array[],
  idx: number,
  treeSize = leaves.length,
): string[] {
  return inclusionProof(leaves.slice(0, treeSize), idx).map(toHex);
}

/** The consistency proof (hex) from the tree of `from` leaves to the tree of `to` leaves. */
export function consistencyPathHex(leaves: readonly Uint8Array[], from: number, to: number): string[] {
  return consistencyProof(leaves.slice(0, to), from).map(toHex);
}
