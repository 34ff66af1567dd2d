import { sql } from 'kysely';
import type { OfficeStaffFigureRow } from '../../../domain/figures/office-staff-figures.schema.js';
import type { DbOrTx } from '../../db/client.js';
import { countWhere, inPeriod, type Period } from './figures.repository.js';

/**
 * An office's figures per branch or per دادیار/بازپرس (issue 21, point 5), grouped by the name its files carry
 * (`intake_files.branch` or `assigned_judge`, indexed by migration 0036): files registered in the period; of its
 * files, orders issued in the period, orders not closed now (pending), and orders past their deadline and not
 * closed now (overdue).
 */
export async function findOfficeStaffFigures(
  db: DbOrTx,
  input: { officeId: string; by: 'branch' | 'assigned_judge'; period: Period; now: Date },
): Promise<OfficeStaffFigureRow[]> {
  const { officeId, by, period, now } = input;
  const notClosed = sql<boolean>`o.status <> 'closed'`;
  return db
    .selectFrom('intake_files as f')
    .leftJoin('orders as o', (join) =>
      join.onRef('o.intake_file_id', '=', 'f.id').on('o.org_id', '=', officeId).on('o.side', '=', 'office'),
    )
    .select([
      sql<string>`${sql.ref(`f.${by}`)}`.as('name'),
      sql<number>`(count(distinct f.id) filter (where f.status = 'registered' and ${inPeriod('f.decided_at', period)}))::int`.as(
        'registered',
      ),
      countWhere(inPeriod('o.issued_at', period)).as('ordersIssued'),
      countWhere(notClosed).as('ordersPending'),
      countWhere(sql<boolean>`${notClosed} and o.deadline_at < ${now}`).as('ordersOverdue'),
    ])
    .where('f.org_id', '=', officeId)
    .where(`f.${by}`, 'is not', null)
    .groupBy(`f.${by}`)
    .orderBy(`f.${by}`)
    .execute();
}
