import type { Insertable, Updateable } from 'kysely';
import type { DbOrTx, Tx } from '../../db/client.js';
import type { UserRow, UsersTable } from '../../db/schema.js';

/** Inserts a user. */
export function insertUser(tx: Tx, values: Insertable<UsersTable>): Promise<UserRow> {
  return tx.insertInto('users').values(values).returningAll().executeTakeFirstOrThrow();
}

/**
 * The users of the node, optionally of one organisation, by username, each with when its TOTP was confirmed
 * and whether failed sign-ins make its username wait now from some address (`throttled`).
 */
export function listUserRows(db: DbOrTx, filter: { orgId?: string | undefined; now: Date }) {
  let query = db
    .selectFrom('users')
    .leftJoin('user_totp', 'user_totp.user_id', 'users.id')
    .selectAll('users')
    .select('user_totp.confirmed_at as totp_confirmed_at')
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('sign_in_throttles as t')
            .select('t.username')
            .where('t.scope', '=', 'account_address')
            .whereRef('t.username', '=', eb.fn('lower', ['users.username']))
            .where('t.blocked_until', '>', filter.now),
        )
        .$castTo<boolean>()
        .as('throttled'),
    )
    .orderBy('username');
  if (filter.orgId) query = query.where('users.org_id', '=', filter.orgId);
  return query.execute();
}

export type ListedUserRow = Awaited<ReturnType<typeof listUserRows>>[number];

/** A user with its organisation's kind and when its TOTP was confirmed, locked for the change an administrator makes, or null. */
export async function lockUserRow(tx: Tx, id: string) {
  return (
    (await tx
      .selectFrom('users')
      .innerJoin('organisations', 'organisations.id', 'users.org_id')
      .leftJoin('user_totp', 'user_totp.user_id', 'users.id')
      .selectAll('users')
      .select(['organisations.kind as org_kind', 'user_totp.confirmed_at as totp_confirmed_at'])
      .where('users.id', '=', id)
      .forUpdate('users')
      .executeTakeFirst()) ?? null
  );
}

/** Changes a user's row and returns it. */
export function updateUserRow(tx: Tx, id: string, set: Updateable<UsersTable>): Promise<UserRow> {
  return tx.updateTable('users').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}
