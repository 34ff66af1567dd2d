import { auditActionLabel } from '../../../domain/audit-action-labels.js';
import type {
  AuditLogEntry,
  AuditLogFilter,
  AuditLogPage,
  AuditLogQuery,
  AuditVerification,
} from '../../../domain/audit.schema.js';
import { formatJalaliLatin } from '../../../domain/jalali.js';
import { assertCan, type Actor } from '../../../domain/permissions.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import {
  listAuditBatch,
  listAuditPage,
  recordAudit,
  verifyAuditChain,
  type NamedAuditRow,
} from './audit.repository.js';
import { inTransaction } from '../../db/transaction.js';

/** Records something done to the audit log itself (checked, exported), in a transaction of its own. */
function recordOnLog(
  input: { db: Db; clock: Clock; actor: Actor; ip: string | null },
  action: 'audit.verified' | 'audit.exported',
  details: Record<string, unknown>,
): Promise<void> {
  return inTransaction(input.db, (tx) =>
    recordAudit(tx, {
      action,
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      resourceType: 'audit_log',
      resourceId: null,
      orgId: null,
      ip: input.ip,
      at: input.clock.now(),
      details,
    }),
  );
}

function presentEntry(r: NamedAuditRow): AuditLogEntry {
  return {
    seq: Number(r.seq),
    at: r.at.toISOString(),
    action: r.action,
    actorUserId: r.actor_user_id,
    actorName: r.actor_name,
    actorUsername: r.actor_username,
    actorOrgId: r.actor_org_id,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    orgId: r.org_id,
    orgNameFa: r.org_name_fa,
    orgNameEn: r.org_name_en,
    ip: r.ip,
    details: r.details,
    hash: r.hash,
  };
}

/** A page of the audit log, newest first, filtered (user, organisation, action, case, period, resource), with names. */
export async function listAuditEntries(
  input: { db: Db; actor: Actor } & AuditLogQuery,
): Promise<AuditLogPage> {
  assertCan(input.actor, 'audit.read');
  const { rows, total } = await listAuditPage(input.db, input);
  return { total, items: rows.map(presentEntry) };
}

const CSV_HEADER = [
  'seq',
  'time (Tehran, Jalali)',
  'time (UTC)',
  'action',
  'رویداد',
  'user',
  'username',
  'organisation',
  'resource type',
  'resource id',
  'ip',
  'hash',
];

/**
 * One CSV cell: quoted when it holds a quote, comma or line break; a cell a spreadsheet would take for a
 * formula (= + - @ at its start) gets a leading apostrophe, so that opening the export runs nothing.
 */
function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (cells: (string | number | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * The filtered audit log as CSV (UTF-8 with a byte-order mark, so that spreadsheet programs read the Persian
 * right; CRLF lines), newest first, read in batches so that a large log is never held whole. The export
 * itself is recorded first, with its filters.
 */
export async function* exportAuditCsv(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  filter: AuditLogFilter;
  ip: string | null;
  batchSize?: number;
}): AsyncGenerator<string> {
  assertCan(input.actor, 'audit.read');
  await recordOnLog(input, 'audit.exported', { filter: { ...input.filter } });
  yield `\uFEFF${csvLine(CSV_HEADER)}`;
  let before: number | null = null;
  for (;;) {
    const rows = await listAuditBatch(input.db, input.filter, before, input.batchSize ?? 2000);
    if (rows.length === 0) return;
    yield rows
      .map((r) =>
        csvLine([
          r.seq,
          formatJalaliLatin(r.at),
          r.at.toISOString(),
          r.action,
          auditActionLabel(r.action, 'fa'),
          r.actor_name,
          r.actor_username,
          r.org_name_fa,
          r.resource_type,
          r.resource_id,
          r.ip,
          r.hash,
        ]),
      )
      .join('');
    before = Number(rows[rows.length - 1]!.seq);
  }
}

/** Verifies the whole hash chain and records that it was verified (the record joins the chain). */
export async function verifyAudit(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  ip: string | null;
}): Promise<AuditVerification> {
  assertCan(input.actor, 'audit.read');
  const result = await verifyAuditChain(input.db);
  await recordOnLog(input, 'audit.verified', { ok: result.ok, entries: result.entries });
  return result;
}
