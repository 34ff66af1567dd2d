import { randomUUID } from 'node:crypto';
import { IRAN } from '../../../domain/cases/party.schema.js';
import { AppError } from '../../../domain/errors.js';
import { canBeSupplemented } from '../../../domain/submission/case-status.js';
import type { SupplementBody, SupplementResult } from '../../../domain/submission/submission.schema.js';
import type { CaseRow } from '../../db/schema.js';
import { findDocumentsOfCase } from '../cases/case-file.repository.js';
import type { CaseUseCaseInput } from '../cases/case.ports.js';
import { refreshCaseSearchKey, updateCase } from '../cases/cases.repository.js';
import { insertParty } from '../cases/parties.repository.js';
import type { Exchange } from '../exchange/exchange.js';
import { enqueueMessage } from '../exchange/outbox.js';
import { findSender } from './sender.repository.js';
import { messageDocumentsOf, partySnapshotOf } from './case-snapshot.js';
import { findSubmission } from './case-submissions.repository.js';
import { stepSubmission } from './submission-transaction.js';

/** Throws `cases.invalid_state` unless the case was sent and not rejected (a supplement has somewhere to go). */
export function assertSupplementable(row: CaseRow): void {
  if (!canBeSupplemented(row.status))
    throw new AppError('cases.invalid_state', { details: { status: row.status } });
}

/**
 * Adds to a sent case — the only way to: a note (and answers to a return for completion), new parties,
 * and documents uploaded to the case after it was sent, all in one signed `case.supplemented` to the
 * office the case went to. A case returned for completion goes back to `sent`.
 */
export async function supplementCase(
  input: CaseUseCaseInput & { body: SupplementBody; exchange: Pick<Exchange, 'signer' | 'kick'> },
): Promise<SupplementResult> {
  const { body } = input;
  const result = await stepSubmission(
    { ...input, action: 'case.submit.prepare', audit: 'case.supplemented' },
    async ({ tx, row, now }) => {
      assertSupplementable(row);
      const [submission, sender, documents] = await Promise.all([
        findSubmission(tx, row.id),
        findSender(tx, { orgId: row.org_id, userId: input.actor.userId }),
        findDocumentsOfCase(tx, row.id),
      ]);
      const { organisation: station, signerName: createdBy } = sender;
      if (!submission || !station) throw new AppError('submission.not_found');
      const chosen = body.documentIds.map((id) => documents.find((d) => d.id === id));
      if (chosen.some((d) => d === undefined)) throw new AppError('documents.not_found');
      const parties = [];
      for (const p of body.parties) {
        parties.push(
          await insertParty(tx, {
            id: randomUUID(),
            case_id: row.id,
            org_id: row.org_id,
            role: p.role,
            first_name: p.firstName,
            last_name: p.lastName,
            father_name: p.fatherName ?? null,
            national_id: p.nationalId ?? null,
            passport_number: p.passportNumber ?? null,
            nationality: p.nationality ?? IRAN,
            mobile: p.mobile ?? null,
            address: p.address ?? null,
            created_at: now,
            updated_at: now,
          }),
        );
      }
      if (parties.length > 0) await refreshCaseSearchKey(tx, row);
      const sentDocuments = messageDocumentsOf(chosen.filter((d) => d !== undefined));
      const sent = await enqueueMessage(tx, {
        signer: input.exchange.signer,
        now,
        message: {
          type: 'case.supplemented',
          from: { orgId: station.id, orgCode: station.code },
          to: { node: submission.office_node, org: submission.office_code },
          caseRef: row.id,
          createdBy,
          body: { note: body.note, answers: body.answers ?? null, parties: parties.map(partySnapshotOf) },
          documents: sentDocuments,
        },
      });
      const status = row.status === 'returned' ? 'sent' : row.status;
      const updated = await updateCase(tx, row.id, { status, updated_at: now });
      return {
        value: {
          caseId: row.id,
          caseStatus: updated.status,
          messageId: sent.id,
          partiesAdded: parties.length,
          documents: sentDocuments.map((d) => d.sha256),
        },
        event: {
          type: 'case.supplemented',
          details: { messageId: sent.id, partiesAdded: parties.length, documents: sentDocuments.length },
        },
      };
    },
  );
  input.exchange.kick();
  return result;
}
