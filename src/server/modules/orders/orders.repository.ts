import { sql, type Insertable, type Updateable } from 'kysely';
import type { MessageDocument } from '../../../domain/messages/envelope.js';
import type { FindOrdersQuery, OrderCursor } from '../../../domain/orders/orders.schema.js';
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
 * A page of an organisation's orders, read by keyset (decision 0010; index `orders_page`, migration 0037):
 * the open ones by deadline — the overdue (deadline passed) first — then the closed ones, each part by
 * deadline, ending on the sort key `[closed, deadline, id]` of the page's last row. The filters are
 * where-clauses; a case number is looked up among the station's cases and the office's intake files.
 */
export async function findOrdersPage(
  db: DbOrTx,
  input: { orgId: string; query: FindOrdersQuery; now: Date },
): Promise<{ rows: OrderRow[]; next: OrderCursor | null }> {
  const { orgId, query, now } = input;
  const overdue = sql<boolean>`(status <> 'closed' and deadline_at < ${now})`;
  let page = db.selectFrom('orders').where('org_id', '=', orgId);
  if (query.status) page = page.where('status', '=', query.status);
  if (query.overdue) page = page.where(overdue);
  if (query.state === 'active') page = page.where('status', '<>', 'closed');
  else if (query.state === 'overdue') page = page.where(overdue);
  else if (query.state) page = page.where('status', '=', query.state);
  if (query.orderId) page = page.where('order_id', '=', query.orderId);
  if (query.caseId) page = page.where('case_id', '=', query.caseId);
  if (query.intakeFileId) page = page.where('intake_file_id', '=', query.intakeFileId);
  if (query.counterpart) page = page.where('peer_org', '=', query.counterpart);
  if (query.dueFrom) page = page.where('deadline_at', '>=', new Date(query.dueFrom));
  if (query.dueTo) page = page.where('deadline_at', '<', new Date(query.dueTo));
  const caseNumber = query.caseNumber;
  if (caseNumber) {
    page = page.where((eb) =>
      eb.or([
        eb(
          'case_id',
          'in',
          eb
            .selectFrom('cases')
            .select('id')
            .where('org_id', '=', orgId)
            .where('case_number', '=', caseNumber),
        ),
        eb(
          'intake_file_id',
          'in',
          eb
            .selectFrom('intake_files')
            .select('id')
            .where('org_id', '=', orgId)
            .where('case_number', '=', caseNumber),
        ),
      ]),
    );
  }
  if (query.cursor) {
    const [closed, at, id] = query.cursor;
    page = page.where(
      sql<boolean>`((status = 'closed'), deadline_at, order_id) > (${closed === 1}, ${at}::timestamptz, ${id}::uuid)`,
    );
  }
  const rows = await page
    .selectAll()
    .select([
      sql<number>`(status = 'closed')::int`.as('cursor_closed'),
      sql<string>`deadline_at::text`.as('cursor_at'),
    ])
    .orderBy(sql`(status = 'closed')`)
    .orderBy('deadline_at')
    .orderBy('order_id')
    .limit(query.pageSize + 1)
    .execute();
  const items = rows.slice(0, query.pageSize);
  const last = items.at(-1);
  return {
    rows: items.map(({ cursor_closed: _closed, cursor_at: _at, ...row }) => row),
    next:
      rows.length > query.pageSize && last
        ? [last.cursor_closed === 1 ? 1 : 0, last.cursor_at, last.order_id]
        : null,
  };
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
      ? db.selectFrom('intake_files').select(['id', 'case_number']).where('id', 'in', intakeIds).execute()
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
