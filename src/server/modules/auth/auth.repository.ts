import type { DbOrTx, Tx } from '../../db/client.js';

/** The user and organisation behind a live session, or null. */
export async function findSessionUser(db: DbOrTx, tokenHash: string, now: Date) {
  return (
    (await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .innerJoin('organisations', 'organisations.id', 'users.org_id')
      .leftJoin('user_totp', 'user_totp.user_id', 'users.id')
      .select([
        'user_totp.confirmed_at as totp_confirmed_at',
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

/** A user by id, or null. */
export async function findUserById(db: DbOrTx, id: string) {
  return (await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** Opens a session: only the token's SHA-256 is stored. */
export async function insertSession(
  tx: Tx,
  s: {
    tokenHash: string;
    userId: string;
    now: Date;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await tx
    .insertInto('sessions')
    .values({
      token_hash: s.tokenHash,
      user_id: s.userId,
      created_at: s.now,
      expires_at: s.expiresAt,
      last_seen_at: s.now,
      ip: s.ip,
      user_agent: s.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
}

/** Keeps the state between a right password and the second step (and drops the user's expired ones). */
export async function insertChallenge(
  tx: Tx,
  c: {
    tokenHash: string;
    userId: string;
    purpose: 'totp' | 'enrol' | 'password';
    username: string;
    address: string;
    now: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await tx
    .deleteFrom('sign_in_challenges')
    .where('user_id', '=', c.userId)
    .where('expires_at', '<=', c.now)
    .execute();
  await tx
    .insertInto('sign_in_challenges')
    .values({
      token_hash: c.tokenHash,
      user_id: c.userId,
      purpose: c.purpose,
      username: c.username,
      address: c.address,
      created_at: c.now,
      expires_at: c.expiresAt,
    })
    .execute();
}

/** A challenge still in force, with its user's organisation and username, or null. */
export async function findChallenge(db: DbOrTx, tokenHash: string, now: Date) {
  return (
    (await db
      .selectFrom('sign_in_challenges as c')
      .innerJoin('users as u', 'u.id', 'c.user_id')
      .select([
        'c.token_hash',
        'c.user_id',
        'c.purpose',
        'c.username',
        'c.expires_at',
        'u.org_id',
        'u.username as user_username',
      ])
      .where('c.token_hash', '=', tokenHash)
      .where('c.expires_at', '>', now)
      .where('u.disabled_at', 'is', null)
      .executeTakeFirst()) ?? null
  );
}

export type ChallengeRow = NonNullable<Awaited<ReturnType<typeof findChallenge>>>;

/** Ends a challenge (used), or all of a user's (their second factor was reset). */
export async function deleteChallenges(
  tx: Tx,
  where: { tokenHash: string } | { userId: string },
): Promise<void> {
  let q = tx.deleteFrom('sign_in_challenges');
  q =
    'tokenHash' in where
      ? q.where('token_hash', '=', where.tokenHash)
      : q.where('user_id', '=', where.userId);
  await q.execute();
}

/** Moves a session's expiry on (sliding expiry). */
export async function extendSession(
  db: DbOrTx,
  tokenHash: string,
  at: { expiresAt: Date; lastSeenAt: Date },
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ expires_at: at.expiresAt, last_seen_at: at.lastSeenAt })
    .where('token_hash', '=', tokenHash)
    .execute();
}

/** Revokes a session: its cookie opens nothing from `now` on. */
export async function revokeSession(db: DbOrTx, tokenHash: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now }).where('token_hash', '=', tokenHash).execute();
}

/** Revokes every live session of a user (disabled, re-roled or given a one-time password): their cookies open nothing. */
export async function revokeUserSessions(tx: Tx, userId: string, now: Date): Promise<number> {
  const result = await tx
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Sets a user's password hash and whether it must be changed at the next sign-in. */
export async function setPassword(
  tx: Tx,
  userId: string,
  values: { passwordHash: string; mustChange: boolean },
): Promise<void> {
  await tx
    .updateTable('users')
    .set({ password_hash: values.passwordHash, must_change_password: values.mustChange })
    .where('id', '=', userId)
    .execute();
}
