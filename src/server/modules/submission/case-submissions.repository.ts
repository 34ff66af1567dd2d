import type { Updateable } from 'kysely';
import type { DbOrTx, Tx } from '../../db/client.js';
import { writeBehind } from '../../db/write-behind.js';
import type { CaseSubmissionRow, CaseSubmissionsTable } from '../../db/schema.js';
import { caseFileColumns } from '../cases/index.js';
import { senderColumns } from '../correspondence/index.js';

/** Records that a case was sent, and where (written behind). */
export async function insertSubmission(
  tx: Tx,
  values: {
    caseId: string;
    orgId: string;
    office: { code: string; node: string; name: string };
    messageId: string;
    sentAt: Date;
  },
): Promise<void> {
  await writeBehind(
    tx,
    tx.insertInto('case_submissions').values({
      case_id: values.caseId,
      org_id: values.orgId,
      office_code: values.office.code,
      office_node: values.office.node,
      office_name: values.office.name,
      submitted_message_id: values.messageId,
      sent_at: values.sentAt,
    }),
  );
}

/** The sending of a case, or null if it was never sent. */
export async function findSubmission(db: DbOrTx, caseId: string): Promise<CaseSubmissionRow | null> {
  return (
    (await db.selectFrom('case_submissions').selectAll().where('case_id', '=', caseId).executeTakeFirst()) ??
    null
  );
}

/** Stores the office's latest business answer on a sent case (written behind). */
export async function updateSubmission(
  tx: Tx,
  caseId: string,
  changes: Updateable<CaseSubmissionsTable>,
): Promise<void> {
  await writeBehind(tx, tx.updateTable('case_submissions').set(changes).where('case_id', '=', caseId));
}

/** The messages a station sent about a case to its office, in thread order, with their transport state. */
export async function findSentCaseMessages(
  db: DbOrTx,
  input: { orgId: string; caseRef: string; officeCode: string },
) {
  return (
    db
      .selectFrom('messages')
      .select(['id', 'type', 'status', 'created_at', 'receipt_at'])
      .where('direction', '=', 'out')
      .where('org_id', '=', input.orgId)
      .where('case_ref', '=', input.caseRef)
      .where('to_org', '=', input.officeCode)
      // The file and its supplements; order acknowledgements and reports have their own tracker.
      .where('type', 'in', ['case.submitted', 'case.supplemented'])
      .orderBy('seq')
      .execute()
  );
}

/** The case file and who sends it (`senderColumns`), in one statement: one round trip instead of two. */
export async function findFileWithSender(
  tx: Tx,
  input: { caseId: string; signer: { orgId: string; userId: string } },
) {
  return tx
    .selectNoFrom((eb) => [...caseFileColumns(eb, input.caseId), ...senderColumns(eb, input.signer)])
    .executeTakeFirstOrThrow();
}
