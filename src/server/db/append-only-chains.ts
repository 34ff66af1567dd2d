import { sql } from 'kysely';
import type { Tx } from './client.js';
import { runBeforeCommit } from './transaction.js';
import { writeBehind } from './write-behind.js';

/** An audit entry ready for the chain: its canonical JSON up to its `seq`, and its columns. */
export interface AuditChainItem {
  prefix: string;
  at: string;
  actorUserId: string | null;
  actorOrgId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  orgId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/** An evidence-log entry ready for the Merkle log: the exact bytes and their leaf hash. */
export interface EvidenceChainItem {
  kind: string;
  ref: string;
  caseRef: string | null;
  entry: string;
  leafHash: string;
  at: string;
}

interface Pending {
  audit: AuditChainItem[];
  evidence: EvidenceChainItem[];
}
const pending = new WeakMap<Tx, Pending>();

async function write(tx: Tx, items: Pending): Promise<void> {
  if (items.audit.length === 0 && items.evidence.length === 0) return;
  await writeBehind(
    tx,
    sql`select append_chains(${JSON.stringify(items.audit)}::jsonb, ${JSON.stringify(items.evidence)}::jsonb)`,
  );
}

/**
 * Appends to the node's append-only chains — the hash-chained audit log and the Merkle evidence
 * log — in the caller's transaction. Both are written by one server-side call (`append_chains`,
 * migration 0007) that takes the chains' advisory lock, reads each head and inserts: the lock is
 * held for that one statement and the commit, never across round trips to the client. In a
 * transaction opened by `inTransaction` the items are buffered and written just before the commit.
 */
export async function appendToChains(tx: Tx, items: Partial<Pending>): Promise<void> {
  const queued = pending.get(tx) ?? { audit: [], evidence: [] };
  pending.set(tx, queued);
  queued.audit.push(...(items.audit ?? []));
  queued.evidence.push(...(items.evidence ?? []));
  const deferred = runBeforeCommit(tx, 'chains', () => write(tx, queued));
  if (!deferred) {
    pending.delete(tx);
    await write(tx, queued);
  }
}
