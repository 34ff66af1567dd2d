import {
  officeMeasures,
  policeMeasures,
  type FigureCasesPage,
  type FigureCasesQuery,
  type OfficeMeasure,
  type PoliceMeasure,
} from '../../../domain/figures/figure-cases.schema.js';
import { AppError } from '../../../domain/errors.js';
import { encodeCursor } from '../../../domain/list-cursor.js';
import { assertCan, type Actor } from '../../../domain/permissions.js';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/index.js';
import { findOrganisation } from '../organisations/index.js';
import {
  findOfficeFigureCases,
  findPoliceFigureCases,
  type FigureCaseRow,
} from './figure-cases.repository.js';
import { policeUnitsInCare } from './figures.usecase.js';

const isPoliceMeasure = (m: string): m is PoliceMeasure => (policeMeasures as readonly string[]).includes(m);
const isOfficeMeasure = (m: string): m is OfficeMeasure => (officeMeasures as readonly string[]).includes(m);

/**
 * The list behind one figure (drill-down): what `measure` counted over the period, for the units whose
 * figures the actor sees (`getFigures`' scope, exactly) or one of them (`unit`, its code), newest first in
 * keyset pages. Each item links to its case (police) or intake file (office). A unit outside the actor's
 * care is not found; a measure of the other view is refused. Audited as a read (`figures.cases_listed`).
 */
export async function listFigureCases(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  query: FigureCasesQuery;
  ip: string | null;
}): Promise<FigureCasesPage> {
  const { actor, query } = input;
  assertCan(actor, 'figures.read');
  const now = input.clock.now();
  const period = { from: new Date(query.from), to: new Date(query.to) };
  const page = { cursor: query.cursor, limit: query.limit };
  return inTransaction(input.db, async (tx) => {
    const org = await findOrganisation(tx, actor.orgId);
    if (!org) throw new AppError('organisations.not_found');
    let found: { rows: FigureCaseRow[]; next: [string, string] | null };
    let names = new Map<string, { code: string; name: string }>();
    if (org.kind === 'prosecutor_office') {
      if (!isOfficeMeasure(query.measure)) throw new AppError('figures.unknown_measure');
      const unit = query.unit ?? null;
      found = await findOfficeFigureCases(tx, {
        ...page,
        measure: query.measure,
        officeId: org.id,
        unit,
        period,
        now,
      });
    } else {
      if (!isPoliceMeasure(query.measure)) throw new AppError('figures.unknown_measure');
      const units = await policeUnitsInCare(tx, actor, org);
      const chosen = query.unit === undefined ? units : units.filter((u) => u.code === query.unit);
      if (chosen.length === 0 && query.unit !== undefined) throw new AppError('figures.unit_not_found');
      names = new Map(chosen.map((u) => [u.id, { code: u.code, name: u.name_fa }]));
      const orgIds = chosen.map((u) => u.id);
      found = await findPoliceFigureCases(tx, { ...page, measure: query.measure, orgIds, period, now });
    }
    await recordAudit(tx, {
      action: 'figures.cases_listed',
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      resourceType: 'organisation',
      resourceId: org.id,
      orgId: org.id,
      ip: input.ip,
      at: now,
      details: {
        measure: query.measure,
        unit: query.unit ?? null,
        from: query.from,
        to: query.to,
        items: found.rows.length,
      },
    });
    return {
      items: found.rows.map((r) => ({
        key: r.key,
        at: r.at.toISOString(),
        unit: names.get(r.unit) ?? { code: r.unit, name: r.unit_name ?? r.unit },
        caseId: r.case_id,
        intakeId: r.intake_id,
        caseNumber: r.case_number,
      })),
      next: found.next ? encodeCursor(found.next) : null,
    };
  });
}
