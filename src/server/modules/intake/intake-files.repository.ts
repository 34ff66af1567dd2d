import { expressionBuilder, sql, type Insertable, type Updateable } from 'kysely';
import type { CaseSubmittedBody, PartySnapshot } from '../../../domain/messages/bodies.js';
import type { MessageDocument } from '../../../domain/messages/envelope.js';
import type { IntakeCursor, IntakeQueueQuery } from '../../../domain/intake/intake.schema.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { writeBehind } from '../../db/write-behind.js';
import type { Database, IntakeFileRow, IntakeFilesTable } from '../../db/schema.js';
import { senderColumns } from '../correspondence/index.js';

/** One `case.supplemented` as the intake file keeps it. */
export interface IntakeSupplement {
  messageId: string;
  note: string;
  answers: string | null;
  parties: PartySnapshot[];
  documents: string[];
  receivedAt: string;
}

/** The case file as the station signed it. */
export function snapshotOf(row: Pick<IntakeFileRow, 'snapshot'>): CaseSubmittedBody {
  return row.snapshot as CaseSubmittedBody;
}

/** The supplements received for a file, oldest first. */
export function supplementsOf(row: Pick<IntakeFileRow, 'supplements'>): IntakeSupplement[] {
  return (row.supplements as IntakeSupplement[] | null) ?? [];
}

/** Inserts an intake file; null if the office already holds a file for this station's case. */
export async function insertIntakeFile(
  tx: Tx,
  values: Insertable<IntakeFilesTable>,
): Promise<IntakeFileRow | null> {
  const row = await tx
    .insertInto('intake_files')
    .values(values)
    .onConflict((oc) => oc.columns(['org_id', 'source_org', 'case_ref']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** An intake file by id (locked for the transaction with `forUpdate`), or null. */
export async function findIntakeFile(
  db: DbOrTx,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<IntakeFileRow | null> {
  let query = db.selectFrom('intake_files').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst()) ?? null;
}

/**
 * An intake file by id (locked with `forUpdate`) and, in the same statement, `signer` as the sender of a
 * message from the signer's organisation (`senderColumns`); or undefined.
 */
export async function findIntakeFileWithSender(
  db: DbOrTx,
  id: string,
  signer: { orgId: string; userId: string },
  options: { forUpdate?: boolean } = {},
) {
  let query = db
    .selectFrom('intake_files')
    .selectAll('intake_files')
    .select(senderColumns(expressionBuilder<Database, never>(), signer))
    .where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The office's file for a station's case (the thread's case reference), locked; or null. */
export async function findIntakeFileOfThread(
  tx: Tx,
  input: { orgId: string; sourceOrg: string; caseRef: string },
): Promise<IntakeFileRow | null> {
  const row = await tx
    .selectFrom('intake_files')
    .selectAll()
    .where('org_id', '=', input.orgId)
    .where('source_org', '=', input.sourceOrg)
    .where('case_ref', '=', input.caseRef)
    .forUpdate()
    .executeTakeFirst();
  return row ?? null;
}

/** Changes an intake file without reading it back: the write travels with the transaction's next statement. */
export async function setIntakeFileFields(
  tx: Tx,
  id: string,
  changes: Updateable<IntakeFilesTable>,
): Promise<void> {
  await writeBehind(tx, tx.updateTable('intake_files').set(changes).where('id', '=', id));
}

/**
 * Is this file number already another file's in the office? Takes a transaction lock on the office's number
 * first, so that two clerks registering the same number at once are told in turn (the second sees the first's
 * commit) rather than the second failing on the unique index (migration 0015).
 */
export async function isFileNumberTaken(
  tx: Tx,
  input: { orgId: string; fileNumber: string; exceptId: string },
): Promise<boolean> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`file-number:${input.orgId}:${input.fileNumber}`}, 0))`.execute(
    tx,
  );
  const row = await tx
    .selectFrom('intake_files')
    .select('id')
    .where('org_id', '=', input.orgId)
    .where('file_number', '=', input.fileNumber)
    .where('id', '<>', input.exceptId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Changes an intake file and returns it as it now is. */
export async function updateIntakeFile(
  tx: Tx,
  id: string,
  changes: Updateable<IntakeFilesTable>,
): Promise<IntakeFileRow> {
  return tx
    .updateTable('intake_files')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Records the documents a message brought to an intake file. The receiver has already re-hashed every
 * byte into the store; here the store's content is recorded (once per hash) and bound to the file.
 */
export async function recordIntakeDocuments(
  tx: Tx,
  input: { intakeFileId: string; messageId: string; documents: readonly MessageDocument[]; at: Date },
): Promise<void> {
  if (input.documents.length === 0) return;
  await writeBehind(
    tx,
    tx
      .insertInto('blobs')
      .values(input.documents.map((d) => ({ sha256: d.sha256, size: d.size, media_type: d.mediaType })))
      .onConflict((oc) => oc.column('sha256').doNothing()),
  );
  await writeBehind(
    tx,
    tx
      .insertInto('intake_documents')
      .values(
        input.documents.map((d) => ({
          intake_file_id: input.intakeFileId,
          sha256: d.sha256,
          name: d.name,
          kind: d.kind,
          media_type: d.mediaType,
          size: d.size,
          message_id: input.messageId,
          received_at: input.at,
        })),
      )
      .onConflict((oc) => oc.columns(['intake_file_id', 'sha256']).doNothing()),
  );
}

/** The documents of an intake file, in the order they arrived. */
export async function findIntakeDocuments(db: DbOrTx, intakeFileId: string) {
  return db
    .selectFrom('intake_documents')
    .selectAll()
    .where('intake_file_id', '=', intakeFileId)
    .orderBy('received_at')
    .orderBy('name')
    .execute();
}

/** One document of an intake file, or null. */
export async function findIntakeDocument(db: DbOrTx, input: { intakeFileId: string; sha256: string }) {
  const row = await db
    .selectFrom('intake_documents')
    .selectAll()
    .where('intake_file_id', '=', input.intakeFileId)
    .where('sha256', '=', input.sha256)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * A page of an office's queue, read by keyset (decision 0010): no OFFSET, no count. Files not yet decided
 * whose person is held under a running custody clock come first, the nearest deadline first (Art. 46:
 * 24 hours; cursor `['u', deadline, id]`); then everything else, newest first (`['r', receivedAt, id]`).
 * Each part is one statement on its own index (migration 0016); the second is read only when the first
 * has run out on this page. The filters are where-clauses on both.
 */
export async function findIntakePage(
  db: DbOrTx,
  input: { orgId: string; query: IntakeQueueQuery },
): Promise<{ rows: IntakeFileRow[]; next: IntakeCursor | null }> {
  const { query } = input;
  let base = db.selectFrom('intake_files').where('org_id', '=', input.orgId);
  if (query.status) base = base.where('status', '=', query.status);
  if (query.stationCode) base = base.where('source_org', '=', query.stationCode);
  if (query.crimeCategory) base = base.where('crime_category_code', '=', query.crimeCategory);
  if (query.custody !== undefined) base = base.where('in_custody', '=', query.custody);
  const want = query.pageSize + 1;
  const cursor = query.cursor;
  const rows: (IntakeFileRow & { cursor_part: 'u' | 'r'; cursor_at: string })[] = [];
  if (!cursor || cursor[0] === 'u') {
    let urgent = base.where('in_custody', '=', true).where('status', '=', 'received');
    if (cursor) {
      const [, at, id] = cursor;
      urgent = urgent.where(sql<boolean>`(custody_deadline_at, id) > (${at}::timestamptz, ${id}::uuid)`);
    }
    rows.push(
      ...(await urgent
        .selectAll()
        .select([sql<'u'>`'u'`.as('cursor_part'), sql<string>`custody_deadline_at::text`.as('cursor_at')])
        .orderBy('custody_deadline_at')
        .orderBy('id')
        .limit(want)
        .execute()),
    );
  }
  if (rows.length < want) {
    let rest = base.where((eb) =>
      eb.not(eb.and([eb('in_custody', '=', true), eb('status', '=', 'received')])),
    );
    if (cursor?.[0] === 'r') {
      const [, at, id] = cursor;
      rest = rest.where(sql<boolean>`(received_at, id) < (${at}::timestamptz, ${id}::uuid)`);
    }
    rows.push(
      ...(await rest
        .selectAll()
        .select([sql<'r'>`'r'`.as('cursor_part'), sql<string>`received_at::text`.as('cursor_at')])
        .orderBy('received_at', 'desc')
        .orderBy('id', 'desc')
        .limit(want - rows.length)
        .execute()),
    );
  }
  const page = rows.slice(0, query.pageSize);
  const last = page.at(-1);
  return {
    rows: page,
    next: rows.length > query.pageSize && last ? [last.cursor_part, last.cursor_at, last.id] : null,
  };
}

/** The messages an office received that brought a file and its documents (to verify them again). */
export function findInboundMessagesOfFile(db: DbOrTx, input: { orgId: string; messageIds: string[] }) {
  return db
    .selectFrom('messages')
    .select(['id', 'sha256', 'jws', 'to_node', 'receipt_jws'])
    .where('direction', '=', 'in')
    .where('org_id', '=', input.orgId)
    .where('id', 'in', input.messageIds)
    .execute();
}
