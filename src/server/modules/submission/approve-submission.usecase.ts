import { AppError } from '../../../domain/errors.js';
import type { SubmissionStep } from '../../../domain/submission/submission.schema.js';
import type { CaseUseCaseInput } from '../cases/index.js';
import { caseFileOf, setCaseFields } from '../cases/index.js';
import type { Exchange } from '../exchange/index.js';
import { enqueueMessage } from '../exchange/index.js';
import { settleClock } from '../clocks/index.js';
import { caseSnapshotOf, messageDocumentsOf, senderOf } from '../correspondence/index.js';
import { findFileWithSender, insertSubmission } from './case-submissions.repository.js';
import { assertReady } from './prepare-submission.usecase.js';
import { stepSubmission } from './submission-step.policy.js';

/**
 * The station chief approves a prepared case and sends it: to the prosecutor's office the jurisdiction
 * table names (`jurisdiction.not_found` if none), as a signed `case.submitted` carrying the snapshot of
 * the file and its documents by hash. The message is enqueued in the same transaction that marks the
 * case sent (and frozen); the delivery worker is woken after the commit.
 */
export async function approveSubmission(
  input: CaseUseCaseInput & { exchange: Pick<Exchange, 'signer' | 'kick'> },
): Promise<SubmissionStep> {
  const step = await stepSubmission(
    { ...input, step: 'approveSubmission', audit: 'submission.sent' },
    async ({ tx, row, now }) => {
      // The file and who sends it in one statement: one round trip instead of two.
      const signer = { orgId: row.org_id, userId: input.actor.userId };
      const found = await findFileWithSender(tx, { caseId: row.id, signer });
      const file = assertReady(caseFileOf(row, found), now);
      const {
        organisation: station,
        competentOffice: office,
        signerName: approvedBy,
      } = senderOf(found, signer.userId);
      if (!station) throw new AppError('organisations.not_found');
      if (!office) throw new AppError('jurisdiction.not_found');
      const sent = await enqueueMessage(tx, {
        signer: input.exchange.signer,
        now,
        message: {
          type: 'case.submitted',
          from: { orgId: station.id, orgCode: station.code },
          to: { node: office.node_id, org: office.code },
          caseRef: row.id,
          createdBy: approvedBy,
          body: caseSnapshotOf(file, { station, approvedBy }),
          documents: messageDocumentsOf(file.documents),
        },
      });
      await setCaseFields(tx, row.id, { status: 'sent', sent_at: now, updated_at: now });
      // Sent by its due time: the complaint's clock is met (sent late, the scheduler has recorded the breach).
      await settleClock(tx, {
        kind: 'complaint_send',
        sourceId: row.id,
        orgId: row.org_id,
        state: 'met',
        metAt: now,
        at: now,
      });
      await insertSubmission(tx, {
        caseId: row.id,
        orgId: row.org_id,
        office: { code: office.code, node: office.node_id, name: office.name_fa },
        messageId: sent.id,
        sentAt: now,
      });
      return {
        value: {
          caseId: row.id,
          caseStatus: 'sent',
          sentAt: now.toISOString(),
          office: { code: office.code, name: office.name_fa },
          messageId: sent.id,
        },
        event: {
          type: 'submission.sent',
          details: { messageId: sent.id, officeCode: office.code, documents: file.documents.length },
        },
      };
    },
  );
  input.exchange.kick();
  return step;
}
