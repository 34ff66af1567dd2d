import { AppError } from '../../../domain/errors.js';
import type { SubmissionStep } from '../../../domain/submission/submission.schema.js';
import type { CaseUseCaseInput } from '../cases/case.ports.js';
import { caseFileColumns, caseFileOf } from '../cases/case-file.repository.js';
import { setCaseFields } from '../cases/cases.repository.js';
import type { Exchange } from '../exchange/exchange.js';
import { enqueueMessage } from '../exchange/outbox.js';
import { caseSnapshotOf, messageDocumentsOf } from './case-snapshot.js';
import { insertSubmission } from './case-submissions.repository.js';
import { assertReady } from './prepare-submission.usecase.js';
import { senderColumns, senderOf } from './sender.repository.js';
import { stepSubmission } from './submission-transaction.js';

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
    { ...input, action: 'case.submit.approve', audit: 'submission.sent' },
    async ({ tx, row, now }) => {
      if (row.status !== 'awaiting_approval')
        throw new AppError('cases.invalid_state', { details: { status: row.status } });
      // The file and who sends it in one statement: one round trip instead of two.
      const signer = { orgId: row.org_id, userId: input.actor.userId };
      const found = await tx
        .selectNoFrom((eb) => [...caseFileColumns(eb, row.id), ...senderColumns(eb, signer)])
        .executeTakeFirstOrThrow();
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
