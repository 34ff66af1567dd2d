import { sql, type Insertable, type Updateable } from 'kysely';
import type { MessageDocument } from '../../../domain/messages/envelope.js';
import type { OrderStatus } from '../../../domain/orders/orders.schema.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import type { OrderRow, OrdersTable } from '../../db/schema.js';

/** Inserts one side's row of an order; null if that side already holds it. */
export async function insertOrder(tx: Tx, values: Insertable<OrdersTable>): Promise<OrderRow | null> {
  const row = await tx
    .insertInto('orders')
    .values(values)
    .onConflict((oc) => oc.columns(['org_id', 'order_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** An organisation's row of an order (locked for the transaction with `forUpdate`), or null. */
export async function findOrder(
  db: DbOrTx,
  input: { orgId: string; orderId: string; forUpdate?: boolean },
): Promise<OrderRow | null> {
  let query = db
    .selectFrom('orders')
    .selectAll()
    .where('org_id', '=', input.orgId)
    .where('order_id', '=', input.orderId);
  if (input.forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst()) ?? null;
}

/** Changes an organisation's row of an order and returns it as it now is. */
export async function updateOrder(
  tx: Tx,
  row: Pick<OrderRow, 'org_id' | 'order_id'>,
  changes: Updateable<OrdersTable>,
): Promise<OrderRow> {
  return tx
    .updateTable('orders')
    .set(changes)
    .where('org_id', '=', row.org_id)
    .where('order_id', '=', row.order_id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The documents of a report as a row keeps them. */
export function reportDocumentsOf(row: Pick<OrderRow, 'report_documents'>): MessageDocument[] {
  return (row.report_documents as MessageDocument[] | null) ?? [];
}

/**
 * An organisation's orders: overdue ones (deadline passed, not closed) first, then the open ones by
 * deadline, closed ones last; optionally only one status, or only the overdue.
 */
export async function findOrders(
  db: DbOrTx,
  input: { orgId: string; status?: OrderStatus | undefined; overdueOnly?: boolean | undefined; now: Date },
): Promise<OrderRow[]> {
  let query = db.selectFrom('orders').selectAll().where('org_id', '=', input.orgId);
  if (input.status) query = query.where('status', '=', input.status);
  const overdue = sql<boolean>`(status <> 'closed' and deadline_at < ${input.now})`;
  if (input.overdueOnly) query = query.where(overdue);
  return query
    .orderBy(sql`${overdue} desc`)
    .orderBy(sql`(status = 'closed') asc`)
    .orderBy('deadline_at', 'asc')
    .orderBy('issued_at', 'desc')
    .limit(500)
    .execute();
}

/** How people name what an order refers to: the case's number and the other side's name. */
export interface OrderLabels {
  caseNumber: string | null;
  counterpartName: string | null;
}

/** The labels of one order (its case's number, the other side's name), as the list shows them. */
export async function findOrderLabel(db: DbOrTx, row: OrderRow): Promise<OrderLabels | undefined> {
  return (await findOrderLabels(db, [row])).get(row.order_id);
}

/**
 * The case number (from the station's case, or from the snapshot the office received) and the
 * other organisation's Persian name for each order row, by order id.
 */
export async function findOrderLabels(db: DbOrTx, rows: OrderRow[]): Promise<Map<string, OrderLabels>> {
  const caseIds = rows.flatMap((r) => (r.case_id ? [r.case_id] : []));
  const intakeIds = rows.flatMap((r) => (r.intake_file_id ? [r.intake_file_id] : []));
  const orgCodes = [...new Set(rows.map((r) => r.peer_org))];
  const [cases, intakes, orgs] = await Promise.all([
    caseIds.length
      ? db.selectFrom('cases').select(['id', 'case_number']).where('id', 'in', caseIds).execute()
      : [],
    intakeIds.length
      ? db
          .selectFrom('intake_files')
          .select(['id', sql<string | null>`snapshot->>'caseNumber'`.as('case_number')])
          .where('id', 'in', intakeIds)
          .execute()
      : [],
    orgCodes.length
      ? db.selectFrom('organisations').select(['code', 'name_fa']).where('code', 'in', orgCodes).execute()
      : [],
  ]);
  const caseNumber = new Map<string, string | null>([...cases, ...intakes].map((c) => [c.id, c.case_number]));
  const orgName = new Map(orgs.map((o) => [o.code, o.name_fa]));
  return new Map(
    rows.map((r) => [
      r.order_id,
      {
        caseNumber: caseNumber.get(r.case_id ?? r.intake_file_id ?? '') ?? null,
        counterpartName: orgName.get(r.peer_org) ?? null,
      },
    ]),
  );
}
