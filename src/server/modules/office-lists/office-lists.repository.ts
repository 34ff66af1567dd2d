import type { DbOrTx, Tx } from '../../db/client.js';
import type { OfficeListEntriesTable } from '../../db/schema.js';
import type { Selectable } from 'kysely';

export type OfficeListEntryRow = Selectable<OfficeListEntriesTable>;

/** An office's list entries, by kind then name; only the active ones unless `all`. */
export async function findOfficeListEntries(
  db: DbOrTx,
  orgId: string,
  opts: { all: boolean },
): Promise<OfficeListEntryRow[]> {
  let q = db.selectFrom('office_list_entries').selectAll().where('org_id', '=', orgId);
  if (!opts.all) q = q.where('active', '=', true);
  return q.orderBy('kind').orderBy('name').execute();
}

/** An entry of an office's list, locked for a change, or null (also when it is another office's). */
export async function lockOfficeListEntry(
  tx: Tx,
  orgId: string,
  id: string,
): Promise<OfficeListEntryRow | null> {
  return (
    (await tx
      .selectFrom('office_list_entries')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst()) ?? null
  );
}

/** Is this name already in that list of the office (another entry than `exceptId`)? */
export async function isOfficeListNameTaken(
  db: DbOrTx,
  entry: { orgId: string; kind: OfficeListEntryRow['kind']; name: string; exceptId?: string },
): Promise<boolean> {
  let q = db
    .selectFrom('office_list_entries')
    .select('id')
    .where('org_id', '=', entry.orgId)
    .where('kind', '=', entry.kind)
    .where('name', '=', entry.name);
  if (entry.exceptId) q = q.where('id', '<>', entry.exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Is this name an active entry of one of these lists of the office? */
export async function isActiveOfficeListName(
  db: DbOrTx,
  entry: { orgId: string; kinds: readonly OfficeListEntryRow['kind'][]; name: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('office_list_entries')
    .select('id')
    .where('org_id', '=', entry.orgId)
    .where('kind', 'in', entry.kinds)
    .where('name', '=', entry.name)
    .where('active', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}

/** Does the office keep any list of these kinds (active or not)? An office that keeps none takes typed names. */
export async function keepsOfficeList(
  db: DbOrTx,
  orgId: string,
  kinds: readonly OfficeListEntryRow['kind'][],
): Promise<boolean> {
  const row = await db
    .selectFrom('office_list_entries')
    .select('id')
    .where('org_id', '=', orgId)
    .where('kind', 'in', kinds)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertOfficeListEntry(
  tx: Tx,
  row: Omit<OfficeListEntryRow, 'active'>,
): Promise<OfficeListEntryRow> {
  return tx.insertInto('office_list_entries').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateOfficeListEntry(
  tx: Tx,
  id: string,
  changes: { name: string; active: boolean; updated_at: Date },
): Promise<OfficeListEntryRow> {
  return tx
    .updateTable('office_list_entries')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
