import type { CaseMessage, CaseMessageList } from '../../../domain/messages/case-messages.schema.js';
import type { MessageType } from '../../../domain/messages/envelope.js';
import type { DbOrTx } from '../../db/client.js';
import { readCase, type CaseUseCaseInput } from '../cases/case.ports.js';
import { withIntakeFile, type IntakeUseCaseInput } from '../intake/intake.ports.js';
import { findCaseMessages } from './case-messages.repository.js';
import { checkThreadLinks, recheckSignature } from './case-messages.verification.js';

type Row = Awaited<ReturnType<typeof findCaseMessages>>[number];

const statusOf = (s: string): CaseMessage['status'] => (s === 'queued' || s === 'delivered' ? s : 'accepted');

/** Rows → the API's list, each signature re-verified now and each thread link checked. */
async function presentMessages(db: DbOrTx, rows: Row[]): Promise<CaseMessageList> {
  const links = checkThreadLinks(rows);
  const items = await Promise.all(
    rows.map(async (m): Promise<CaseMessage> => ({
      id: m.id,
      type: m.type as MessageType,
      direction: m.direction,
      from: m.from_org,
      to: m.to_org,
      seq: m.seq,
      sha256: m.sha256,
      createdAt: m.created_at.toISOString(),
      status: statusOf(m.status),
      receiptAt: m.receipt_at ? m.receipt_at.toISOString() : null,
      outbox: m.next_attempt_at
        ? {
            attempts: m.attempts ?? 0,
            lastError: m.last_error,
            nextAttemptAt: m.next_attempt_at.toISOString(),
          }
        : null,
      verification: { signature: await recheckSignature(db, m.jws), threadLinkOk: links.get(m.id) ?? false },
    })),
  );
  return { items };
}

/**
 * Every message in and out of a station's case — the sending, supplements, the office's answers, orders —
 * with its transport state (queued with attempts, last error and next try; delivered with the receipt's
 * time; accepted) and its verification now. Audited as `case.messages_read`.
 */
export async function getCaseMessages(input: CaseUseCaseInput): Promise<CaseMessageList> {
  return readCase({ ...input, audit: 'case.messages_read' }, async ({ tx, row }) => ({
    value: await presentMessages(tx, await findCaseMessages(tx, { orgId: row.org_id, caseRef: row.id })),
  }));
}

/** The same for an intake file at the office: the messages exchanged with the station about it. */
export async function getIntakeMessages(input: IntakeUseCaseInput): Promise<CaseMessageList> {
  return withIntakeFile(
    { ...input, action: 'intake.read', audit: 'intake.messages_read' },
    async ({ tx, file }) => ({
      value: await presentMessages(
        tx,
        await findCaseMessages(tx, { orgId: file.org_id, caseRef: file.case_ref, peerOrg: file.source_org }),
      ),
    }),
  );
}
