import type { Figures, FiguresQuery } from '../../../domain/figures/figures.schema.js';
import { AppError } from '../../../domain/errors.js';
import { assertCan, can, type Actor } from '../../../domain/permissions.js';
import { isPoliceUnit } from '../../../domain/roles.js';
import type { Db, DbOrTx } from '../../db/client.js';
import type { OrganisationRow } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/index.js';
import { findOrganisation, findPoliceUnits } from '../organisations/index.js';
import { findBreachCounts } from './breach-figures.repository.js';
import { findTopReasons } from './coded-reasons.repository.js';
import type { Period } from './figures.repository.js';
import { findOfficeFigures } from './office-figures.repository.js';
import { findPoliceFigures } from './police-figures.repository.js';

/**
 * The police units whose figures an actor sees: an administrator every unit this node hosts, an HQ's
 * supervisor the units of its province on this node, a station's chief (or a supervisor placed at a
 * station) that station alone.
 */
export async function policeUnitsInCare(
  db: DbOrTx,
  actor: Actor,
  org: OrganisationRow,
): Promise<OrganisationRow[]> {
  const allUnits = can(actor, 'figures.read.all_units');
  if (isPoliceUnit(org.kind) && !allUnits) return [org];
  if (org.kind !== 'hq' && !allUnits) return [];
  return findPoliceUnits(db, { nodeId: org.node_id, provinceCode: allUnits ? null : org.province_code });
}

async function policeView(db: DbOrTx, actor: Actor, org: OrganisationRow, period: Period, now: Date) {
  const units = await policeUnitsInCare(db, actor, org);
  const orgIds = units.map((u) => u.id);
  const { perUnit, total } = await findPoliceFigures(db, { orgIds, period, now });
  const reasons = await findTopReasons(db, { orgIds, direction: 'in', period });
  return {
    view: 'police' as const,
    rows: units.flatMap((u) => {
      const figures = perUnit.get(u.id);
      return figures ? [{ unit: { code: u.code, name: u.name_fa }, figures }] : [];
    }),
    total,
    topDeficiencies: reasons.deficiencies,
    topRejections: reasons.rejections,
    breaches: await breachFigures(db, units, period),
  };
}

/** The breach records of these units detected in the period, per unit and kind (names from the units). */
async function breachFigures(db: DbOrTx, units: readonly OrganisationRow[], period: Period) {
  const byId = new Map(units.map((u) => [u.id, u]));
  const rows = await findBreachCounts(db, { orgIds: [...byId.keys()], period });
  return {
    rows: rows.flatMap((r) => {
      const u = byId.get(r.orgId);
      return u ? [{ unit: { code: u.code, name: u.name_fa }, kind: r.kind, count: r.count }] : [];
    }),
    total: rows.reduce((sum, r) => sum + r.count, 0),
  };
}

async function officeView(db: DbOrTx, org: OrganisationRow, period: Period, now: Date) {
  const { perUnit, total, names } = await findOfficeFigures(db, { officeId: org.id, period, now });
  const reasons = await findTopReasons(db, { orgIds: [org.id], direction: 'out', period });
  return {
    view: 'office' as const,
    rows: [...perUnit].map(([code, figures]) => ({ unit: { code, name: names.get(code) ?? code }, figures })),
    total,
    topDeficiencies: reasons.deficiencies,
    topRejections: reasons.rejections,
    breaches: await breachFigures(db, [org], period),
  };
}

/**
 * The figures a manager steers by, over a period: for a prosecutor's office its intake per sending
 * station; for the police the work of the units in the actor's care (see `policeUnitsInCare`). Counts
 * of what happened in the period, medians of how long it took, and what stands open now. Read in one
 * snapshot; the reading is audited (`figures.viewed`) with the period and the view, never with figures.
 */
export async function getFigures(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  query: FiguresQuery;
  ip: string | null;
}): Promise<Figures> {
  const { actor } = input;
  assertCan(actor, 'figures.read');
  const now = input.clock.now();
  const period = { from: new Date(input.query.from), to: new Date(input.query.to) };
  return inTransaction(input.db, async (tx) => {
    const org = await findOrganisation(tx, actor.orgId);
    if (!org) throw new AppError('organisations.not_found');
    const view =
      org.kind === 'prosecutor_office'
        ? await officeView(tx, org, period, now)
        : await policeView(tx, actor, org, period, now);
    await recordAudit(tx, {
      action: 'figures.viewed',
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      resourceType: 'organisation',
      resourceId: org.id,
      orgId: org.id,
      ip: input.ip,
      at: now,
      details: { view: view.view, from: input.query.from, to: input.query.to, units: view.rows.length },
    });
    return {
      ...view,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      generatedAt: now.toISOString(),
    };
  });
}
