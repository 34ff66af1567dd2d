import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { AuditAction } from '../../../domain/audit-actions.js';
import type { AuditVerification } from '../../../domain/audit.schema.js';
import { canonicalize } from '../../../domain/canonical-json.js';
import { appendToChains } from '../../db/append-only-chains.js';
import type { DbOrTx, Tx } from '../../db/client.js';

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
 * and the change it describes commit or roll back together). The chain's next `seq` and hash are
 * assigned by the database under the chains' lock (`appendToChains`), just before the commit when
 * the transaction was opened by `inTransaction`.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  const details = entry.details ?? {};
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
