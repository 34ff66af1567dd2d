import type { EvidenceKind } from '../../../../domain/evidence/evidence-kinds.js';
import { appendToChains } from '../../../db/append-only-chains.js';
import type { Tx } from '../../../db/client.js';
import { toHex } from '../../../platform/crypto/hash.js';
import { leafHash } from '../../../platform/crypto/merkle.js';

/** One entry for the log: what it is, what it refers to, its case thread, and its exact bytes. */
export type EvidenceInput = {
  kind: EvidenceKind;
  ref: string;
  caseRef: string | null;
  entry: string;
  at: Date;
};

/**
 * Appends an entry (the exact signed bytes: a JWS) to the node's append-only Merkle log, in the
 * caller's transaction. Leaf hash = SHA-256(0x00 ‖ entry) as in RFC 9162 §2.1.1; indexes are dense
 * (0, 1, 2, …) because the database assigns them under the chains' lock (`appendToChains`), just
 * before the commit when the transaction was opened by `inTransaction`.
 */
export async function appendEvidence(tx: Tx, input: EvidenceInput): Promise<void> {
  await appendToChains(tx, {
    evidence: [
      {
        kind: input.kind,
        ref: input.ref,
        caseRef: input.caseRef,
        entry: input.entry,
        leafHash: toHex(leafHash(new TextEncoder().encode(input.entry))),
        at: input.at.toISOString(),
      },
    ],
  });
}
