import type { Insertable } from 'kysely';
import type { DbOrTx, Tx } from '../../db/client.js';
import type { UserRow, UsersTable } from '../../db/schema.js';

/** Inserts a user. */
export function insertUser(tx: Tx, values: Insertable<UsersTable>): Promise<UserRow> {
  return tx.insertInto('users').values(values).returningAll().executeTakeFirstOrThrow();
}

/** The users of the node, optionally of one organisation, by username, each with when its TOTP was confirmed. */
export function listUserRows(db: DbOrTx, filter: { orgId?: string | undefined }) {
  let query = db
    .selectFrom('users')
    .leftJoin('user_totp', 'user_totp.user_id', 'users.id')
    .selectAll('users')
    .select('user_totp.confirmed_at as totp_confirmed_at')
    .orderBy('username');
  if (filter.orgId) query = query.where('users.org_id', '=', filter.orgId);
  return query.execute();
}
