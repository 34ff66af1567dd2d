import type { DbOrTx } from '../../db/client.js';

/** The user and organisation behind a live session, or null. */
export async function findSessionUser(db: DbOrTx, tokenHash: string, now: Date) {
  return (
    (await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .innerJoin('organisations', 'organisations.id', 'users.org_id')
      .select([
        'sessions.token_hash',
        'sessions.expires_at',
        'users.id as user_id',
        'users.username',
        'users.display_name',
        'users.role',
        'users.is_demo',
        'organisations.id as org_id',
        'organisations.code as org_code',
        'organisations.kind as org_kind',
        'organisations.name_fa as org_name_fa',
        'organisations.name_en as org_name_en',
      ])
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.revoked_at', 'is', null)
      .where('sessions.expires_at', '>', now)
      .where('users.disabled_at', 'is', null)
      .executeTakeFirst()) ?? null
  );
}

export type SessionUserRow = NonNullable<Awaited<ReturnType<typeof findSessionUser>>>;

/** A user by username (case-insensitive), or null. */
export async function findUserByUsername(db: DbOrTx, username: string) {
  return (
    (await db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
      .executeTakeFirst()) ?? null
  );
}
