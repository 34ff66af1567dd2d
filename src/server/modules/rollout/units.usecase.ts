import { AppError, errorMessages } from '../../../domain/errors.js';
import { assertCan, type Actor } from '../../../domain/permissions.js';
import type {
  RegisterUnit,
  UnitsImportResult,
  UnitsRefreshResult,
} from '../../../domain/rollout/units.schema.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/index.js';
import { readUnitsCsv } from './units-csv.codec.js';
import { findOwnFilesFigures, refreshUnitsFromFiles, upsertUnits } from './units.repository.js';

/**
 * Imports the national register of units from a CSV file's bytes (issue 21, point 1): all or nothing — a file
 * with any bad row changes nothing and answers `units.invalid_csv` with every issue (line, field, code); a good
 * one inserts new codes and updates known ones, in one transaction with its audit entry. `actor` null: the
 * operator at the command line.
 */
export async function importUnits(input: {
  db: Db;
  clock: Clock;
  actor: Actor | null;
  bytes: Uint8Array;
  ip?: string | null;
  isDemo?: boolean;
}): Promise<UnitsImportResult> {
  if (input.actor) assertCan(input.actor, 'units.manage');
  const reading = readUnitsCsv(input.bytes);
  if (!reading.ok) {
    const first = reading.issues[0];
    throw new AppError('units.invalid_csv', {
      message: `${errorMessages['units.invalid_csv']} ${reading.issues.length} issue(s); the first: ${first?.message ?? ''}`,
      issues: reading.issues.map((i) => ({
        path: i.field ? `line ${i.line}, ${i.field}` : `line ${i.line}`,
        code: i.code,
        message: i.message,
      })),
      details: { issues: reading.issues },
    });
  }
  const now = input.clock.now();
  return inTransaction(input.db, async (tx) => {
    const { created, updated } = await upsertUnits(tx, reading.units, now, input.isDemo ?? false);
    await recordAudit(tx, {
      action: 'units.imported',
      actorUserId: input.actor?.userId ?? null,
      actorOrgId: input.actor?.orgId ?? null,
      resourceType: 'units',
      resourceId: null,
      orgId: input.actor?.orgId ?? null,
      ip: input.ip ?? null,
      at: now,
      details: { created, updated },
    });
    return { created, updated, total: reading.units.length };
  });
}

/**
 * "Update from casebridge" (issue 21, point 1): the register's figures of the units already on this node come
 * from their own case files of the last 365 days instead of the imported ones (see `refreshUnitsFromFiles`),
 * so that the next plan weighs them by what they record. One transaction with its audit entry (the codes).
 */
export async function refreshUnitsFromOwnFiles(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  nodeId: string;
  ip: string | null;
}): Promise<UnitsRefreshResult> {
  assertCan(input.actor, 'units.manage');
  const now = input.clock.now();
  return inTransaction(input.db, async (tx) => {
    const codes = await refreshUnitsFromFiles(tx, { ...ownFilesPeriod(input.nodeId, now), at: now });
    await recordAudit(tx, {
      action: 'units.refreshed_from_files',
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      resourceType: 'units',
      resourceId: null,
      orgId: input.actor.orgId,
      ip: input.ip,
      at: now,
      details: { updated: codes.length, codes: codes.slice(0, 100) },
    });
    return { updated: codes.length, codes };
  });
}

/** The units' own files that give their yearly figures: those of this node opened in the last year. */
export function ownFilesPeriod(nodeId: string, now: Date) {
  return { nodeId, since: new Date(now.getTime() - 365 * 86_400_000), until: now };
}

/**
 * Units with the thefts and visits (complaints) that the own files of the last year say, for those on this node;
 * the others as given. Reads; changes nothing (the planner's `figures: files`, in the API and the CLI).
 */
export async function withOwnFilesFigures(
  db: DbOrTx,
  nodeId: string,
  now: Date,
  units: readonly RegisterUnit[],
): Promise<RegisterUnit[]> {
  const own = new Map((await findOwnFilesFigures(db, ownFilesPeriod(nodeId, now))).map((f) => [f.code, f]));
  return units.map((u) => {
    const f = own.get(u.code);
    return f ? { ...u, thefts: f.thefts, visits: f.complaints } : u;
  });
}
