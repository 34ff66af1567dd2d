import { randomUUID } from 'node:crypto';
import { IRAN } from '../../../domain/cases/party.schema.js';
import { AppError } from '../../../domain/errors.js';
import type { SupplementBody, SupplementResult } from '../../../domain/submission/submission.schema.js';
import type { CaseRow } from '../../db/schema.js';
import {
  assertCaseStep,
  findDocumentsOfCase,
  insertParty,
  presentParty,
  refreshCaseSearchKey,
  updateCase,
} from '../cases/index.js';
import type { CaseUseCaseInput } from '../cases/index.js';
import type { Exchange } from '../exchange/index.js';
import { enqueueMessage } from '../exchange/index.js';
import { settleClock } from '../clocks/index.js';
import { findSender, messageDocumentsOf } from '../correspondence/index.js';
import { findSubmission } from './case-submissions.repository.js';
import { stepSubmission } from './submission-step.policy.js';

/** Throws `cases.invalid_state` unless the case was sent and not rejected (a supplement has somewhere to go). */
export function assertSupplementable(row: CaseRow): void {
  assertCaseStep('supplement', row);
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
    { ...input, step: 'supplement', audit: 'case.supplemented' },
    async ({ tx, row, now }) => {
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
          body: { note: body.note, answers: body.answers ?? null, parties: parties.map(presentParty) },
          documents: sentDocuments,
        },
      });
      const status = row.status === 'returned' ? 'sent' : row.status;
      // The return is answered: its clock is met if in time (else its breach stands).
      if (row.status === 'returned')
        await settleClock(tx, {
          kind: 'return_unanswered',
          sourceId: row.id,
          orgId: row.org_id,
          state: 'met',
          metAt: now,
          at: now,
        });
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
