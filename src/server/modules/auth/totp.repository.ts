import type { DbOrTx, Tx } from '../../db/client.js';

/** The user's TOTP row (confirmed or not), locked for the transaction, or null. */
export async function lockTotp(tx: Tx, userId: string) {
  return (
    (await tx
      .selectFrom('user_totp')
      .selectAll()
      .where('user_id', '=', userId)
      .forUpdate()
      .executeTakeFirst()) ?? null
  );
}

/** Does the user sign in with a confirmed TOTP? */
export async function hasConfirmedTotp(db: DbOrTx, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('user_totp')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Keeps a new, unconfirmed secret for the user (replacing an unconfirmed one). */
export async function saveUnconfirmedTotp(
  tx: Tx,
  userId: string,
  secretSealed: string,
  now: Date,
): Promise<void> {
  await tx
    .insertInto('user_totp')
    .values({ user_id: userId, secret_sealed: secretSealed, created_at: now })
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({ secret_sealed: secretSealed, created_at: now, confirmed_at: null, last_used_step: 0 }),
    )
    .execute();
}

/** Records the step a code was accepted for (and confirms the secret at enrolment). */
export async function acceptStep(tx: Tx, userId: string, step: number, confirmAt?: Date): Promise<void> {
  await tx
    .updateTable('user_totp')
    .set({ last_used_step: step, ...(confirmAt ? { confirmed_at: confirmAt } : {}) })
    .where('user_id', '=', userId)
    .execute();
}

/** Replaces the user's recovery codes by these hashes. */
export async function replaceRecoveryCodes(tx: Tx, userId: string, hashes: string[]): Promise<void> {
  await tx.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
  await tx
    .insertInto('user_recovery_codes')
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash })))
    .execute();
}

/** Marks an unused recovery code used; true if it was one of the user's unused codes. */
export async function useRecoveryCode(tx: Tx, userId: string, hash: string, now: Date): Promise<boolean> {
  const row = await tx
    .updateTable('user_recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .returning('code_hash')
    .executeTakeFirst();
  return row !== undefined;
}

/** How many unused recovery codes the user has left. */
export async function countUnusedRecoveryCodes(db: DbOrTx, userId: string): Promise<number> {
  const row = await db
    .selectFrom('user_recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Removes the user's second factor and recovery codes (an administrator's reset). True if there was one. */
export async function deleteTotp(tx: Tx, userId: string): Promise<boolean> {
  await tx.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
  const result = await tx.deleteFrom('user_totp').where('user_id', '=', userId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
