import type { FiguresQuery } from '../../../domain/figures/figures.schema.js';
import type { OfficeStaffFigures } from '../../../domain/figures/office-staff-figures.schema.js';
import { AppError } from '../../../domain/errors.js';
import { assertCan, type Actor } from '../../../domain/permissions.js';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/index.js';
import { findOrganisation } from '../organisations/index.js';
import { findOfficeStaffFigures } from './office-staff-figures.repository.js';

/**
 * The reader's own prosecutor's office's figures per branch and per دادیار/بازپرس over a period (the same period
 * rules as the figures page); `office_lists.not_an_office` for any other unit. Audited as `figures.viewed`.
 */
export async function getOfficeStaffFigures(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  query: FiguresQuery;
  ip: string | null;
}): Promise<OfficeStaffFigures> {
  const { actor } = input;
  assertCan(actor, 'figures.read');
  const now = input.clock.now();
  const period = { from: new Date(input.query.from), to: new Date(input.query.to) };
  return inTransaction(input.db, async (tx) => {
    const org = await findOrganisation(tx, actor.orgId);
    if (org?.kind !== 'prosecutor_office') throw new AppError('office_lists.not_an_office');
    const of = (by: 'branch' | 'assigned_judge') =>
      findOfficeStaffFigures(tx, { officeId: org.id, by, period, now });
    const [branches, staff] = [await of('branch'), await of('assigned_judge')];
    await recordAudit(tx, {
      action: 'figures.viewed',
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      resourceType: 'organisation',
      resourceId: org.id,
      orgId: org.id,
      ip: input.ip,
      at: now,
      details: { view: 'office_staff', from: input.query.from, to: input.query.to },
    });
    return { from: period.from.toISOString(), to: period.to.toISOString(), branches, staff };
  });
}
