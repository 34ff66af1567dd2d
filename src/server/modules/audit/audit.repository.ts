import { createHash } from 'node:crypto';
import type { AuditAction } from '../../../domain/audit-actions.js';
import { canonicalize } from '../../../domain/canonical-json.js';
import { lockAppendOnlyChains } from '../../db/chain-lock.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { runBeforeCommit } from '../../db/transaction.js';

/** The hash before the first entry. */
export const AUDIT_GENESIS = '0'.repeat(64);

/** One thing somebody did: who, what, on which resource, from where. */
export interface AuditEntry {
  action: AuditAction;
  actorUserId: string | null;
  actorOrgId: string | null;
  resourceType: string;
  resourceId: string | null;
  orgId: string | null;
  ip: string | null;
  details?: Record<string, unknown>;
  at: Date;
}

interface StoredEntry {
  seq: number;
  at: Date;
  actor_user_id: string | null;
  actor_org_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  org_id: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/** The hash of an entry: SHA-256 over the previous hash and the entry's canonical JSON. */
export function auditEntryHash(prevHash: string, e: StoredEntry): string {
  const canonical = canonicalize({
    seq: e.seq,
    at: e.at.toISOString(),
    actorUserId: e.actor_user_id,
    actorOrgId: e.actor_org_id,
    action: e.action,
    resourceType: e.resource_type,
    resourceId: e.resource_id,
    orgId: e.org_id,
    ip: e.ip,
    details: e.details,
  });
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

const pendingAudit = new WeakMap<Tx, AuditEntry[]>();

/**
 * Appends an entry to the hash-chained audit log, inside the caller's transaction (so the record
 * and the change it describes commit or roll back together). In a transaction opened by
 * `inTransaction` the entries are written together just before the commit, so that the chains'
 * lock (which keeps the chain linear) is held only for those last statements.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  const pending = pendingAudit.get(tx) ?? [];
  pendingAudit.set(tx, pending);
  pending.push(entry);
  const deferred = runBeforeCommit(tx, 'audit', () => writeAudit(tx, pendingAudit.get(tx) ?? []));
  if (!deferred) {
    pendingAudit.delete(tx);
    await writeAudit(tx, [entry]);
  }
}

async function writeAudit(tx: Tx, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await lockAppendOnlyChains(tx);
  const last = await tx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? AUDIT_GENESIS;
  const rows = entries.map((entry) => {
    const stored: StoredEntry = {
      seq: ++seq,
      at: entry.at,
      actor_user_id: entry.actorUserId,
      actor_org_id: entry.actorOrgId,
      action: entry.action,
      resource_type: entry.resourceType,
      resource_id: entry.resourceId,
      org_id: entry.orgId,
      ip: entry.ip,
      details: entry.details ?? {},
    };
    const hash = auditEntryHash(prevHash, stored);
    const row = { ...stored, details: JSON.stringify(stored.details), prev_hash: prevHash, hash };
    prevHash = hash;
    return row;
  });
  await tx.insertInto('audit_log').values(rows).execute();
}

/** Where the chain first breaks, or `ok`. */
export type AuditVerification =
  | { ok: true; entries: number; head: string }
  | { ok: false; entries: number; firstBadSeq: number; reason: 'changed' | 'missing' | 'broken_link' };

/**
 * Walks the whole chain in order and reports the first entry that was changed (its hash no longer
 * matches its content), deleted (a gap in `seq`), or reordered/relinked (its `prev_hash` is not the
 * previous entry's hash).
 */
export async function verifyAuditChain(db: DbOrTx, batchSize = 5000): Promise<AuditVerification> {
  let prevHash = AUDIT_GENESIS;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return { ok: true, entries: count, head: prevHash };
    for (const row of rows) {
      if (row.seq !== expectedSeq)
        return { ok: false, entries: count, firstBadSeq: expectedSeq, reason: 'missing' };
      if (row.prev_hash !== prevHash)
        return { ok: false, entries: count, firstBadSeq: row.seq, reason: 'broken_link' };
      if (auditEntryHash(prevHash, row) !== row.hash) {
        return { ok: false, entries: count, firstBadSeq: row.seq, reason: 'changed' };
      }
      prevHash = row.hash;
      expectedSeq += 1;
      count += 1;
    }
  }
}
