import type { IntakeDetail } from '../../../domain/intake/intake.schema.js';
import { findVerifiedDocuments, recheckSignature } from '../exchange/case-messages.verification.js';
import { findIntakeDocuments } from './intake-files.repository.js';
import { presentIntakeDetail } from './intake.presenter.js';
import { withIntakeFile, type IntakeUseCaseInput } from './intake.ports.js';

/**
 * One intake file with its parties, documents and verification: the signature of the `case.submitted`
 * re-verified now against the trust store, and each document's hash as the signed delivery receipt of
 * the message that brought it records it. Audited as `intake.read`.
 */
export async function getIntakeFile(input: IntakeUseCaseInput): Promise<IntakeDetail> {
  return withIntakeFile(
    { ...input, action: 'intake.read', audit: 'intake.read' },
    async ({ tx, file, now }) => {
      const documents = await findIntakeDocuments(tx, file.id);
      const messageIds = [...new Set([file.submitted_message_id, ...documents.map((d) => d.message_id)])];
      const messages = await tx
        .selectFrom('messages')
        .select(['id', 'sha256', 'jws', 'to_node', 'receipt_jws'])
        .where('direction', '=', 'in')
        .where('org_id', '=', file.org_id)
        .where('id', 'in', messageIds)
        .execute();
      const verified = new Map(
        await Promise.all(
          messages.map(async (m) => [m.id, new Set(await findVerifiedDocuments(tx, m))] as const),
        ),
      );
      const submitted = messages.find((m) => m.id === file.submitted_message_id);
      return {
        value: presentIntakeDetail(
          file,
          {
            messageSha256: submitted?.sha256 ?? '',
            signatureVerified: submitted ? (await recheckSignature(tx, submitted.jws)) === 'valid' : false,
            documents: documents.map((d) => ({
              sha256: d.sha256,
              name: d.name,
              kind: d.kind,
              mediaType: d.media_type,
              size: d.size,
              receivedAt: d.received_at.toISOString(),
              hashVerified: verified.get(d.message_id)?.has(d.sha256) ?? false,
            })),
          },
          now,
        ),
      };
    },
  );
}
