/**
 * Reading the evidence log's Merkle tree through the API: the signed tree head, inclusion proofs and
 * consistency proofs (RFC 9162 §2.1), so that anyone holding them can check them with CT-compatible code.
 *
 * Who may read: the node-wide views (tree head, consistency) need `audit.read` (admin, supervisor); an
 * entry's inclusion proof is also open to the case's own organisations (the station whose case it is,
 * and any organisation of this node that sent or received a message about it), to anyone else it is
 * *not found*.
 */
import { AppError } from '../../../domain/errors.js';
import type { EvidenceKind } from '../../../domain/evidence/evidence-kinds.js';
import type { SignedTreeHead } from '../../../domain/evidence/tree-head.js';
import { assertCan, can, type Action, type Actor } from '../../../domain/permissions.js';
import type { DbOrTx } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { Signer } from '../exchange/node-keys.js';
import { consistencyPathHex, inclusionPathHex, treeRoot } from './evidence-tree.rules.js';
import {
  findCaseOrganisations,
  findEntryByIdx,
  findEntryByRef,
  readLeaves,
  type EvidenceEntry,
} from './evidence.repository.js';
import { signTreeHead } from './tree-head-signing.codec.js';

/** What the evidence use cases need. */
export interface EvidenceDeps {
  db: DbOrTx;
  clock: Clock;
  signer: Signer;
}

/** Which entry a proof is asked for: by its index, or by the message it is about and its kind. */
export type EntryLocator = { idx: number } | { messageId: string; kind: EvidenceKind };

/** An entry's inclusion proof in the current tree, with the signed head of that tree. */
export interface InclusionProofView {
  idx: number;
  kind: EvidenceKind;
  ref: string;
  caseRef: string | null;
  at: string;
  leafHash: string;
  treeSize: number;
  rootHash: string;
  inclusionProof: string[];
  treeHead: SignedTreeHead;
}

/** A consistency proof between two sizes of the log, with both roots. */
export interface ConsistencyProofView {
  from: number;
  to: number;
  fromRoot: string;
  toRoot: string;
  proof: string[];
}

/**
 * The node's current tree head, signed with its key, and the leaves it was computed over (no permission
 * check: for the API use cases below and the bundle exporter).
 */
export async function signCurrentTreeHead(
  deps: EvidenceDeps,
): Promise<{ treeHead: SignedTreeHead; leaves: Uint8Array[] }> {
  const leaves = await readLeaves(deps.db);
  const root = treeRoot(leaves);
  const treeHead = signTreeHead(
    { nodeId: deps.signer.nodeId, ...root, timestamp: deps.clock.now().toISOString() },
    deps.signer,
  );
  return { treeHead, leaves };
}

/** GET /api/evidence/tree-head: the current signed tree head (`audit.read`). */
export async function getSignedTreeHead(deps: EvidenceDeps & { actor: Actor }): Promise<SignedTreeHead> {
  assertCan(deps.actor, 'audit.read');
  return (await signCurrentTreeHead(deps)).treeHead;
}

/** GET /api/evidence/proof: an entry's inclusion proof in the current tree, with the signed head. */
export async function getInclusionProof(
  deps: EvidenceDeps & { actor: Actor; locator: EntryLocator },
): Promise<InclusionProofView> {
  const { locator } = deps;
  // The entry first, then the leaves: a committed entry is in every snapshot read after it.
  const entry =
    'idx' in locator
      ? await findEntryByIdx(deps.db, locator.idx)
      : await findEntryByRef(deps.db, locator.messageId, locator.kind);
  if (!entry) throw notFound();
  await assertMayReadEntry(deps.db, deps.actor, entry);
  const { treeHead, leaves } = await signCurrentTreeHead(deps);
  return {
    idx: entry.idx,
    kind: entry.kind,
    ref: entry.ref,
    caseRef: entry.caseRef,
    at: entry.at.toISOString(),
    leafHash: entry.leafHash,
    treeSize: treeHead.treeSize,
    rootHash: treeHead.rootHash,
    inclusionProof: inclusionPathHex(leaves, entry.idx),
    treeHead,
  };
}

/** GET /api/evidence/consistency: the proof that the tree of `from` leaves is a prefix of the tree of `to` (`audit.read`). */
export async function getConsistencyProof(
  deps: Omit<EvidenceDeps, 'signer' | 'clock'> & { actor: Actor; from: number; to: number },
): Promise<ConsistencyProofView> {
  assertCan(deps.actor, 'audit.read');
  const leaves = await readLeaves(deps.db);
  if (deps.from > deps.to || deps.to > leaves.length) {
    throw new AppError('request.invalid', {
      message: `need 0 ≤ from ≤ to ≤ ${leaves.length}`,
      details: { treeSize: leaves.length },
    });
  }
  return {
    from: deps.from,
    to: deps.to,
    fromRoot: treeRoot(leaves, deps.from).rootHash,
    toRoot: treeRoot(leaves, deps.to).rootHash,
    proof: consistencyPathHex(leaves, deps.from, deps.to),
  };
}

/** Admin/supervisor, or an organisation the entry's case belongs to; anyone else gets *not found*. */
async function assertMayReadEntry(db: DbOrTx, actor: Actor, entry: EvidenceEntry): Promise<void> {
  if (can(actor, 'audit.read')) return;
  // Not found, never forbidden, whether the entry is missing, node-wide or another organisation's.
  if (entry.caseRef === null) throw notFound();
  const orgs = await findCaseOrganisations(db, entry.caseRef);
  const orgId = orgs.includes(actor.orgId) ? actor.orgId : (orgs[0] ?? '');
  assertCan(actor, caseReadAction(actor), { orgId, notFound: 'cases.not_found' });
}

function notFound(): AppError {
  return new AppError('cases.not_found', { message: 'No such evidence entry.' });
}

/** The permission that lets this actor read a case of its own organisation. */
function caseReadAction(actor: Actor): Action {
  return actor.role.startsWith('prosecutor.') ? 'intake.read' : 'case.read';
}
