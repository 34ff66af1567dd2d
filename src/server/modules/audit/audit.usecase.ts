import type { AuditLogPage, AuditLogQuery, AuditVerification } from '../../../domain/audit.schema.js';
import { assertCan, type Actor } from '../../../domain/permissions.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import { listAuditPage, recordAudit, sealAuditReads, verifyAuditChain } from './audit.repository.js';
import { inTransaction } from '../../db/transaction.js';

/** A page of the audit log, newest first, optionally for one resource. */
export async function listAuditEntries(
  input: { db: Db; actor: Actor } & AuditLogQuery,
): Promise<AuditLogPage> {
  assertCan(input.actor, 'audit.read');
  const { rows, total } = await listAuditPage(input.db, input);
  return {
    total,
    items: rows.map((r) => ({
      seq: r.seq,
      at: r.at.toISOString(),
      action: r.action,
      actorUserId: r.actor_user_id,
      actorOrgId: r.actor_org_id,
      resourceType: r.resource_type,
      resourceId: r.resource_id,
      orgId: r.org_id,
      ip: r.ip,
      details: r.details,
      hash: r.hash,
    })),
  };
}

/** Verifies the whole hash chain and records that it was verified (the record joins the chain). */
export async function verifyAudit(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  ip: string | null;
}): Promise<AuditVerification> {
  assertCan(input.actor, 'audit.read');
  // The reads not sealed yet join the chain first, so that the verification covers them too.
  await sealAuditReads(input.db, input.clock.now());
  const result = await verifyAuditChain(input.db);
  await inTransaction(input.db, (tx) =>
    recordAudit(tx, {
      action: 'audit.verified',
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      resourceType: 'audit_log',
      resourceId: null,
      orgId: null,
      ip: input.ip,
      at: input.clock.now(),
      details: { ok: result.ok, entries: result.entries },
    }),
  );
  return result;
}
