import type { DbOrTx } from '../../db/client.js';

/**
 * The name a person signs a message with: messages name people, they never carry another node's user
 * ids (docs/protocol.md §6). Falls back to the id if the user is gone, which cannot happen for a signed-in
 * actor.
 */
export async function findActorName(db: DbOrTx, userId: string): Promise<string> {
  const row = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return row?.display_name ?? userId;
}
