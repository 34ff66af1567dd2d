import type { OfficeHoursAnswer, OfficeHoursBody } from '../../../domain/clocks/clocks.schema.js';
import {
  isOutsideOfficeHours,
  jalaliDateKey,
  parseOfficeHours,
  workingDaysDeadline,
} from '../../../domain/clocks/office-hours.js';
import { AppError } from '../../../domain/errors.js';
import { assertCan, type Actor } from '../../../domain/permissions.js';
import type { Db, Tx } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/index.js';
import { findOfficeHoursOn, findWorkingTerms, updateOfficeHours } from './clocks.repository.js';

/**
 * Is this moment outside the unit's office hours — a Friday, an official holiday from the table, or before
 * or after its hours (Tehran time)? What opens the one-hour notice of a custody (Arts. 47, 49).
 */
export async function isOutsideOfficeHoursOf(tx: Tx, input: { orgId: string; at: Date }): Promise<boolean> {
  const dateKey = jalaliDateKey(input.at);
  const row = await findOfficeHoursOn(tx, { orgId: input.orgId, dateKey });
  if (!row) throw new AppError('organisations.not_found');
  const hours = parseOfficeHours(row.office_hours) ?? parseOfficeHours('07:30-14:30')!;
  return isOutsideOfficeHours(input.at, { hours, holidays: new Set(row.holiday ? [dateKey] : []) });
}

/**
 * When an office must have registered, returned or rejected a file it received at `receivedAt`: the close
 * of its office hours on its `intake_working_days`-th working day after (Fridays and official holidays
 * skipped).
 */
export async function intakeDeadlineOf(tx: Tx, input: { orgId: string; receivedAt: Date }): Promise<Date> {
  const horizon = new Date(input.receivedAt.getTime() + 120 * 86_400_000);
  const terms = await findWorkingTerms(tx, {
    orgId: input.orgId,
    fromKey: jalaliDateKey(input.receivedAt),
    toKey: jalaliDateKey(horizon),
  });
  if (!terms) throw new AppError('organisations.not_found');
  return workingDaysDeadline(input.receivedAt, {
    days: terms.intake_working_days,
    hours: parseOfficeHours(terms.office_hours) ?? parseOfficeHours('07:30-14:30')!,
    holidays: terms.holidays,
  });
}

/** The administrator sets a unit's office hours (validated at the edge, naming the field), audited. */
export async function setOfficeHours(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  orgId: string;
  body: OfficeHoursBody;
  ip: string | null;
}): Promise<OfficeHoursAnswer> {
  assertCan(input.actor, 'organisation.manage');
  return inTransaction(input.db, async (tx) => {
    const row = await updateOfficeHours(tx, { orgId: input.orgId, ...input.body });
    if (!row) throw new AppError('organisations.not_found');
    await recordAudit(tx, {
      action: 'organisation.office_hours_changed',
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      resourceType: 'organisation',
      resourceId: row.id,
      orgId: row.id,
      ip: input.ip,
      at: input.clock.now(),
      details: { officeHours: row.office_hours, intakeWorkingDays: row.intake_working_days },
    });
    return { orgId: row.id, officeHours: row.office_hours, intakeWorkingDays: row.intake_working_days };
  });
}
