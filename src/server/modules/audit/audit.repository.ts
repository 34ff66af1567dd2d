import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { readActions, type AuditAction, type ReadAction } from '../../../domain/audit-actions.js';
import type { AuditVerification } from '../../../domain/audit.schema.js';
import { canonicalize } from '../../../domain/canonical-json.js';
import { appendToChains } from '../../db/append-only-chains.js';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import { writeBehind } from '../../db/write-behind.js';

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

/**
 * The entry's canonical JSON (RFC 8785) up to its `seq` — which sorts last among the keys, so the
 * whole is `prefix + seq + '}'`: the database appends the number it assigns under the chains' lock.
 */
function canonicalPrefix(e: Omit<StoredEntry, 'seq'>): string {
  const whole = canonicalize({
    seq: 0,
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
  return whole.slice(0, -'0}'.length);
}

/** The hash of an entry: SHA-256 over the previous hash and the entry's canonical JSON. */
export function auditEntryHash(prevHash: string, e: StoredEntry): string {
  return createHash('sha256')
    .update(prevHash)
    .update(`${canonicalPrefix(e)}${e.seq}}`)
    .digest('hex');
}

/**
 * Appends an entry to the hash-chained audit log, inside the caller's transaction (so the record
 * and the change it describes commit or roll back together). A read of `readActions` goes to the read
 * log instead (`recordRead`): who, when, from where and the ids read — a list's `caseIds`/`intakeIds` —
 * and nothing else of its details. The chain's next `seq` and hash are
 * assigned by the database under the chains' lock (`appendToChains`), just before the commit when
 * the transaction was opened by `inTransaction`.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  const details = entry.details ?? {};
  if (isReadAction(entry.action)) {
    await recordRead(tx, {
      action: entry.action,
      actorUserId: entry.actorUserId,
      orgId: entry.orgId,
      ip: entry.ip,
      at: entry.at,
      resourceIds: entry.resourceId ? [entry.resourceId] : idsShown(details),
    });
    return;
  }
  const prefix = canonicalPrefix({
    at: entry.at,
    actor_user_id: entry.actorUserId,
    actor_org_id: entry.actorOrgId,
    action: entry.action,
    resource_type: entry.resourceType,
    resource_id: entry.resourceId,
    org_id: entry.orgId,
    ip: entry.ip,
    details,
  });
  await appendToChains(tx, {
    audit: [
      {
        prefix,
        at: entry.at.toISOString(),
        actorUserId: entry.actorUserId,
        actorOrgId: entry.actorOrgId,
        action: entry.action,
        resourceType: entry.resourceType,
        resourceId: entry.resourceId,
        orgId: entry.orgId,
        ip: entry.ip,
        details,
      },
    ],
  });
}

function isReadAction(action: AuditAction): action is ReadAction {
  return (readActions as readonly string[]).includes(action);
}

/** The ids a list or a search showed, from its audit details. */
function idsShown(details: Record<string, unknown>): string[] {
  const ids = details.caseIds ?? details.intakeIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** A read: who read which resources (a case, the cases a list showed), when, from where. */
export interface ReadEntry {
  action: ReadAction;
  actorUserId: string | null;
  orgId: string | null;
  ip: string | null;
  resourceIds: readonly string[];
  at: Date;
}

/**
 * Records a read in the read log (decision 0011), inside the reader's transaction: one compact row, no
 * chain lock, sent with the transaction's next statement (usually the COMMIT), so the read is durable
 * when its answer leaves. `sealAuditReads` chains it later, a batch at a time.
 */
export async function recordRead(tx: Tx, entry: ReadEntry): Promise<void> {
  await writeBehind(
    tx,
    tx.insertInto('audit_reads').values({
      at: entry.at,
      action: readActions.indexOf(entry.action),
      actor_user_id: entry.actorUserId,
      org_id: entry.orgId,
      ip: entry.ip,
      resource_ids: sql<string[]>`${[...entry.resourceIds]}::uuid[]`,
    }),
  );
}

/** What a sealed batch of reads says about itself in its chain entry. */
interface SealedReads {
  from: string;
  to: string;
  count: number;
  sha256: string;
}

/**
 * Seals the reads of every transaction that ended since the last seal into the audit chain: one
 * `audit.reads_sealed` entry with their count and SHA-256, up to the oldest transaction still running
 * (none below it can add a read). Sealers take turns on the one row of `audit_reads_sealed`. Returns how
 * many reads were sealed.
 */
export async function sealAuditReads(db: Db, at: Date): Promise<number> {
  return inTransaction(db, async (tx) => {
    const { horizon: from } = await tx
      .selectFrom('audit_reads_sealed')
      .select('horizon')
      .forUpdate()
      .executeTakeFirstOrThrow();
    const digest = await sql<{ to: string; n: number; sha256: string }>`
      select h.to, d.n, d.sha256
      from (select pg_snapshot_xmin(pg_current_snapshot()) as to) h,
           lateral audit_reads_digest(${from}::xid8, h.to) d
      where h.to > ${from}::xid8`.execute(tx);
    const batch = digest.rows[0];
    // Nothing to seal: the horizon stays, so that each batch starts where the one before ended.
    if (!batch || batch.n === 0) return 0;
    await tx.updateTable('audit_reads_sealed').set({ horizon: batch.to }).execute();
    const sealed: SealedReads = { from, to: batch.to, count: batch.n, sha256: batch.sha256 };
    await recordAudit(tx, {
      action: 'audit.reads_sealed',
      actorUserId: null,
      actorOrgId: null,
      resourceType: 'audit_reads',
      resourceId: null,
      orgId: null,
      ip: null,
      at,
      details: { ...sealed },
    });
    return batch.n;
  });
}

/** Whether the reads a sealed batch names are still exactly those it sealed, and follow the batch before. */
async function readsStillSealed(db: DbOrTx, sealed: SealedReads, previousTo: string): Promise<boolean> {
  if (sealed.from !== previousTo) return false;
  const { rows } = await sql<{ n: number; sha256: string }>`
    select n, sha256 from audit_reads_digest(${sealed.from}::xid8, ${sealed.to}::xid8)`.execute(db);
  return rows[0]?.n === sealed.count && rows[0].sha256 === sealed.sha256;
}

/**
 * Walks the whole chain in order and reports the first entry that was changed (its hash no longer
 * matches its content, or — a sealed batch of reads — the reads it sealed were changed, deleted or added
 * to), deleted (a gap in `seq`), or reordered/relinked (its `prev_hash` is not the previous entry's hash).
 */
export async function verifyAuditChain(db: DbOrTx, batchSize = 5000): Promise<AuditVerification> {
  let prevHash = AUDIT_GENESIS;
  let expectedSeq = 1;
  let count = 0;
  let readsTo = '1';
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      // `at` reaches JavaScript to the millisecond; the entry was written to the millisecond, so digits
      // below it mean the time was changed by less than the hash could see.
      .select(sql<number>`(extract(microseconds from at)::bigint % 1000)::int`.as('at_sub_ms'))
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
      if (row.at_sub_ms !== 0 || auditEntryHash(prevHash, row) !== row.hash) {
        return { ok: false, entries: count, firstBadSeq: row.seq, reason: 'changed' };
      }
      // A sealed batch of reads: the reads it names must still be exactly those it sealed.
      if (row.action === 'audit.reads_sealed') {
        const sealed = row.details as unknown as SealedReads;
        if (!(await readsStillSealed(db, sealed, readsTo)))
          return { ok: false, entries: count, firstBadSeq: row.seq, reason: 'changed' };
        readsTo = sealed.to;
      }
      prevHash = row.hash;
      expectedSeq += 1;
      count += 1;
    }
  }
}

/** The audit log's filters as the repository takes them. */
export interface AuditFilter {
  resourceType?: string | undefined;
  resourceId?: string | undefined;
  actorUserId?: string | undefined;
  orgId?: string | undefined;
  action?: string | undefined;
  caseNumber?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The entries that pass the filters: each filter one where-clause, all of them together. */
function filteredEntries(db: DbOrTx, f: AuditFilter) {
  let query = db.selectFrom('audit_log as a');
  if (f.resourceType) query = query.where('a.resource_type', '=', f.resourceType);
  if (f.resourceId) query = query.where('a.resource_id', '=', f.resourceId);
  if (f.actorUserId) query = query.where('a.actor_user_id', '=', f.actorUserId);
  if (f.orgId) {
    const orgId = f.orgId;
    query = query.where((eb) => eb.or([eb('a.org_id', '=', orgId), eb('a.actor_org_id', '=', orgId)]));
  }
  if (f.action) query = query.where('a.action', '=', f.action);
  if (f.from) query = query.where('a.at', '>=', new Date(f.from));
  if (f.to) query = query.where('a.at', '<', new Date(f.to));
  if (f.caseNumber) {
    // A case's number is unique within its station: the entries about every case of that number (the
    // organisation filter narrows it to one station's), on the case itself or naming it in their details.
    const ids = sql<string>`(select c.id::text from cases c where c.case_number = ${f.caseNumber})`;
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('a.resource_type', '=', 'case'), eb('a.resource_id', 'in', ids)]),
        eb(sql<string>`a.details->>'caseId'`, 'in', ids),
      ]),
    );
  }
  return query;
}

/** The entries with the acting user's name and the organisation's names. */
function withNames(db: DbOrTx, f: AuditFilter) {
  return filteredEntries(db, f)
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .leftJoin('organisations as o', 'o.id', 'a.org_id')
    .selectAll('a')
    .select([
      'u.display_name as actor_name',
      'u.username as actor_username',
      'o.name_fa as org_name_fa',
      'o.name_en as org_name_en',
    ]);
}

export type NamedAuditRow = Awaited<ReturnType<ReturnType<typeof withNames>['execute']>>[number];

/** A page of the audit log, newest first, filtered, with names, and how many entries match. */
export async function listAuditPage(db: DbOrTx, filter: AuditFilter & { page: number; pageSize: number }) {
  const [rows, total] = await Promise.all([
    withNames(db, filter)
      .orderBy('a.seq', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    filteredEntries(db, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** The next batch of the filtered log, newest first, of entries before `beforeSeq` (for an export). */
export function listAuditBatch(db: DbOrTx, filter: AuditFilter, beforeSeq: number | null, limit: number) {
  let query = withNames(db, filter);
  if (beforeSeq !== null) query = query.where('a.seq', '<', beforeSeq);
  return query.orderBy('a.seq', 'desc').limit(limit).execute();
}
