import type { Insertable } from 'kysely';
import type { DbOrTx } from '../../../db/client.js';
import type { RefusedMessagesTable } from '../../../db/schema.js';

/** Keeps the record of a refused message: bounded (hash and size) for anyone's bytes, whole for a peer's. */
export async function insertRefusedMessage(db: DbOrTx, row: Insertable<RefusedMessagesTable>): Promise<void> {
  await db.insertInto('refused_messages').values(row).execute();
}
