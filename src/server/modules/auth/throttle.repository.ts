import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../db/client.js';

export type ThrottleScope = 'account_address' | 'address';

/** The key and address a sign-in attempt is counted under. */
export interface AttemptSource {
  /** The known user's username lower-cased, or `#` and a hash prefix for a name that is no user. */
  usernameKey: string;
  address: string;
}

/** The latest `blocked_until` still in force for this pair or this address, or null. */
export async function findBlockedUntil(db: DbOrTx, source: AttemptSource, now: Date): Promise<Date | null> {
  const row = await db
    .selectFrom('sign_in_throttles')
    .select((eb) => eb.fn.max('blocked_until').as('until'))
    .where('address', '=', source.address)
    .where((eb) =>
      eb.or([
        eb.and([eb('scope', '=', 'account_address'), eb('username', '=', source.usernameKey)]),
        eb.and([eb('scope', '=', 'address'), eb('username', '=', '')]),
      ]),
    )
    .where('blocked_until', '>', now)
    .executeTakeFirst();
  return row?.until ?? null;
}

/**
 * Counts one failure for the pair and for the address (a count older than `forgetBefore` starts again),
 * and returns the new counts.
 */
export async function countFailure(
  tx: Tx,
  source: AttemptSource,
  now: Date,
  forgetBefore: Date,
): Promise<{ scope: ThrottleScope; failures: number }[]> {
  return tx
    .insertInto('sign_in_throttles')
    .values([
      {
        scope: 'account_address',
        username: source.usernameKey,
        address: source.address,
        failures: 1,
        last_failure_at: now,
      },
      { scope: 'address', username: '', address: source.address, failures: 1, last_failure_at: now },
    ])
    .onConflict((oc) =>
      oc.columns(['scope', 'username', 'address']).doUpdateSet({
        failures: sql<number>`case when sign_in_throttles.last_failure_at < ${forgetBefore}
          then 1 else sign_in_throttles.failures + 1 end`,
        last_failure_at: now,
      }),
    )
    .returning(['scope', 'failures'])
    .execute();
}

/** Makes one row wait until `until`. */
export async function blockUntil(
  tx: Tx,
  row: { scope: ThrottleScope; usernameKey: string; address: string },
  until: Date,
): Promise<void> {
  await tx
    .updateTable('sign_in_throttles')
    .set({ blocked_until: until })
    .where('scope', '=', row.scope)
    .where('username', '=', row.usernameKey)
    .where('address', '=', row.address)
    .execute();
}

/** Forgets the pair's failures (after a right password: the address's count stays). */
export async function forgetPairFailures(db: DbOrTx, source: AttemptSource): Promise<void> {
  await db
    .deleteFrom('sign_in_throttles')
    .where('scope', '=', 'account_address')
    .where('username', '=', source.usernameKey)
    .where('address', '=', source.address)
    .execute();
}

/** The rows with failures since `since` or a wait still in force, newest first, with the user if known. */
export async function listThrottles(db: DbOrTx, since: Date, now: Date, limit: number) {
  return db
    .selectFrom('sign_in_throttles as t')
    .leftJoin('users as u', (join) =>
      join.on((eb) => eb(eb.fn('lower', ['u.username']), '=', eb.ref('t.username'))),
    )
    .select([
      't.scope',
      't.username',
      't.address',
      't.failures',
      't.last_failure_at',
      't.blocked_until',
      'u.username as user_username',
    ])
    .where((eb) => eb.or([eb('t.last_failure_at', '>', since), eb('t.blocked_until', '>', now)]))
    .orderBy('t.last_failure_at', 'desc')
    .limit(limit)
    .execute();
}

/** Deletes one row; true if it was there. */
export async function deleteThrottle(
  tx: Tx,
  row: { scope: ThrottleScope; usernameKey: string; address: string },
): Promise<boolean> {
  const result = await tx
    .deleteFrom('sign_in_throttles')
    .where('scope', '=', row.scope)
    .where('username', '=', row.usernameKey)
    .where('address', '=', row.address)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Deletes rows whose count is forgotten and whose wait is over, so that the table does not grow for ever. */
export async function deleteForgottenThrottles(tx: Tx, forgetBefore: Date, now: Date): Promise<void> {
  await tx
    .deleteFrom('sign_in_throttles')
    .where('last_failure_at', '<', forgetBefore)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', now)]))
    .execute();
}

/** Forgets every failure counted for a username, from any address (an administrator unlocks the account). */
export async function deleteAccountThrottles(tx: Tx, usernameKey: string): Promise<number> {
  const result = await tx
    .deleteFrom('sign_in_throttles')
    .where('scope', '=', 'account_address')
    .where('username', '=', usernameKey)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
