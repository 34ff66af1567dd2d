import { randomUUID } from 'node:crypto';
import type { AuditAction } from '../../../domain/audit-actions.js';
import { AppError } from '../../../domain/errors.js';
import {
  staffKinds,
  type AddOfficeListEntryBody,
  type OfficeListEntry,
  type OfficeLists,
  type UpdateOfficeListEntryBody,
} from '../../../domain/intake/office-lists.schema.js';
import { assertCan, type Actor } from '../../../domain/permissions.js';
import type { Db, Tx } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/index.js';
import { findOrganisation } from '../organisations/index.js';
import {
  findOfficeListEntries,
  insertOfficeListEntry,
  isActiveOfficeListName,
  isOfficeListNameTaken,
  keepsOfficeList,
  lockOfficeListEntry,
  updateOfficeListEntry,
  type OfficeListEntryRow,
} from './office-lists.repository.js';

interface OfficeListsInput {
  db: Db;
  clock: Clock;
  actor: Actor;
  ip: string | null;
}

function presentEntry(row: OfficeListEntryRow): OfficeListEntry {
  return { id: row.id, kind: row.kind, name: row.name, active: row.active };
}

function presentLists(rows: OfficeListEntryRow[]): OfficeLists {
  const entries = rows.map(presentEntry);
  return {
    branches: entries.filter((e) => e.kind === 'branch'),
    staff: entries.filter((e) => e.kind !== 'branch'),
  };
}

function audit(
  tx: Tx,
  input: OfficeListsInput,
  entry: { action: AuditAction; orgId: string; resourceId: string | null; details: Record<string, unknown> },
) {
  return recordAudit(tx, {
    action: entry.action,
    actorUserId: input.actor.userId,
    actorOrgId: input.actor.orgId,
    resourceType: 'office_list_entry',
    resourceId: entry.resourceId,
    orgId: entry.orgId,
    ip: input.ip,
    at: input.clock.now(),
    details: entry.details,
  });
}

/** The clerk's or judge's own office's active branches and دادیاران, to choose from. Audited. */
export async function findOwnOfficeLists(input: OfficeListsInput): Promise<OfficeLists> {
  assertCan(input.actor, 'office_lists.read');
  return inTransaction(input.db, async (tx) => {
    const rows = await findOfficeListEntries(tx, input.actor.orgId, { all: false });
    await audit(tx, input, {
      action: 'office_list.read',
      orgId: input.actor.orgId,
      resourceId: null,
      details: {},
    });
    return presentLists(rows);
  });
}

/** A prosecutor's office of this node, for its lists (admin), or `organisations.not_found` / `office_lists.not_an_office`. */
async function getOffice(tx: Tx, orgId: string) {
  const org = await findOrganisation(tx, orgId);
  if (!org) throw new AppError('organisations.not_found');
  if (org.kind !== 'prosecutor_office') throw new AppError('office_lists.not_an_office');
  return org;
}

/** Every entry of an office's lists, retired ones too (the node's admin). Audited. */
export async function findOfficeLists(input: OfficeListsInput & { orgId: string }): Promise<OfficeLists> {
  assertCan(input.actor, 'office_lists.manage');
  return inTransaction(input.db, async (tx) => {
    await getOffice(tx, input.orgId);
    const rows = await findOfficeListEntries(tx, input.orgId, { all: true });
    await audit(tx, input, { action: 'office_list.read', orgId: input.orgId, resourceId: null, details: {} });
    return presentLists(rows);
  });
}

/** Adds a branch, دادیار or بازپرس to an office's lists (the node's admin); a name already there is refused. */
export async function addOfficeListEntry(
  input: OfficeListsInput & { orgId: string; body: AddOfficeListEntryBody },
): Promise<OfficeListEntry> {
  assertCan(input.actor, 'office_lists.manage');
  const { kind } = input.body;
  const name = input.body.name.trim();
  return inTransaction(input.db, async (tx) => {
    await getOffice(tx, input.orgId);
    if (await isOfficeListNameTaken(tx, { orgId: input.orgId, kind, name }))
      throw new AppError('office_lists.name_taken');
    const now = input.clock.now();
    const row = await insertOfficeListEntry(tx, {
      id: randomUUID(),
      org_id: input.orgId,
      kind,
      name,
      created_at: now,
      updated_at: now,
    });
    await audit(tx, input, {
      action: 'office_list.added',
      orgId: input.orgId,
      resourceId: row.id,
      details: { kind, name },
    });
    return presentEntry(row);
  });
}

/** Renames, retires or brings back an entry of an office's lists (the node's admin), audited with before and after. */
export async function changeOfficeListEntry(
  input: OfficeListsInput & { orgId: string; entryId: string; body: UpdateOfficeListEntryBody },
): Promise<OfficeListEntry> {
  assertCan(input.actor, 'office_lists.manage');
  return inTransaction(input.db, async (tx) => {
    await getOffice(tx, input.orgId);
    const before = await lockOfficeListEntry(tx, input.orgId, input.entryId);
    if (!before) throw new AppError('office_lists.not_found');
    const name = input.body.name?.trim() ?? before.name;
    const active = input.body.active ?? before.active;
    if (
      name !== before.name &&
      (await isOfficeListNameTaken(tx, { orgId: input.orgId, kind: before.kind, name, exceptId: before.id }))
    )
      throw new AppError('office_lists.name_taken');
    const row = await updateOfficeListEntry(tx, before.id, { name, active, updated_at: input.clock.now() });
    await audit(tx, input, {
      action: 'office_list.changed',
      orgId: input.orgId,
      resourceId: row.id,
      details: { before: { name: before.name, active: before.active }, after: { name, active } },
    });
    return presentEntry(row);
  });
}

/**
 * Refuses a branch or a دادیار/بازپرس that is not an active entry of the office's lists
 * (`intake.branch_unknown`, `intake.staff_unknown`). An office that keeps no such list yet takes the name as typed,
 * as before the lists existed.
 */
export async function assertChosenFromOfficeLists(
  tx: Tx,
  orgId: string,
  chosen: { branch?: string | undefined; assignedJudge?: string | undefined },
): Promise<void> {
  const checks = [
    { name: chosen.branch, kinds: ['branch'] as const, refusal: 'intake.branch_unknown' as const },
    { name: chosen.assignedJudge, kinds: staffKinds, refusal: 'intake.staff_unknown' as const },
  ];
  for (const { name, kinds, refusal } of checks) {
    if (name === undefined || !(await keepsOfficeList(tx, orgId, kinds))) continue;
    if (!(await isActiveOfficeListName(tx, { orgId, kinds, name }))) throw new AppError(refusal);
  }
}
