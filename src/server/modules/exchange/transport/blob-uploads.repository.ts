import { sql } from 'kysely';
import type { DbOrTx } from '../../../db/client.js';

/**
 * Whether a peer may learn that this node holds a document: it uploaded those very bytes here
 * itself, or this node sent it a message naming the document (the peer is owed it). Anyone else is
 * told nothing — not even that the document exists.
 */
export async function mayKnowOfBlob(db: DbOrTx, input: { node: string; sha256: string }): Promise<boolean> {
  const { rows } = await sql<{ allowed: boolean }>`
    select exists (select 1 from blob_uploads u where u.sha256 = ${input.sha256} and u.node_id = ${input.node})
      or exists (
        select 1 from messages m
        where m.direction = 'out' and m.to_node = ${input.node}
          and m.envelope -> 'documents' @> jsonb_build_array(jsonb_build_object('sha256', ${input.sha256}::text))
      ) as allowed`.execute(db);
  return rows[0]?.allowed === true;
}

/** Records that a peer uploaded a document here, its bytes verified against their SHA-256. */
export async function recordBlobUpload(
  db: DbOrTx,
  input: { node: string; sha256: string; at: Date },
): Promise<void> {
  await db
    .insertInto('blob_uploads')
    .values({ sha256: input.sha256, node_id: input.node, uploaded_at: input.at })
    .onConflict((oc) => oc.columns(['sha256', 'node_id']).doNothing())
    .execute();
}

/** Whether these bytes are registered in `blobs` (kept for a case or a message): a failed upload must not remove them. */
export async function isBlobReferenced(db: DbOrTx, sha256: string): Promise<boolean> {
  const row = await db.selectFrom('blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst();
  return row !== undefined;
}
