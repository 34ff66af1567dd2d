import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx } from '../../db/client.js';
import type { ResumableUploadsTable } from '../../db/schema.js';

export type ResumableUploadRow = Selectable<ResumableUploadsTable>;

export async function insertResumableUpload(
  db: DbOrTx,
  row: Insertable<ResumableUploadsTable>,
): Promise<void> {
  await db.insertInto('resumable_uploads').values(row).execute();
}

/** An upload begun by this session of this organisation's user, or null: another session's is not found. */
export async function findOwnedUpload(
  db: DbOrTx,
  key: { id: string; orgId: string; sessionTokenHash: string },
): Promise<ResumableUploadRow | null> {
  const row = await db
    .selectFrom('resumable_uploads')
    .selectAll()
    .where('id', '=', key.id)
    .where('org_id', '=', key.orgId)
    .where('session_token_hash', '=', key.sessionTokenHash)
    .executeTakeFirst();
  return row ?? null;
}

/** Removes an upload's row; whether it was there (two processes cleaning the same one: one wins). */
export async function deleteResumableUpload(db: DbOrTx, id: string): Promise<boolean> {
  const result = await db.deleteFrom('resumable_uploads').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Marks an upload as alive (a chunk begins to arrive). */
export async function touchResumableUpload(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db.updateTable('resumable_uploads').set({ touched_at: at }).where('id', '=', id).execute();
}

/** Uploads untouched since `before`, oldest first, at most `limit`. */
export async function findUploadsUntouchedSince(
  db: DbOrTx,
  before: Date,
  limit: number,
): Promise<ResumableUploadRow[]> {
  return db
    .selectFrom('resumable_uploads')
    .selectAll()
    .where('touched_at', '<', before)
    .orderBy('touched_at')
    .limit(limit)
    .execute();
}
