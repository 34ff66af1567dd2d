/**
 * What a node's evidence log records (docs/protocol.md §14): every message and delivery receipt it sends or
 * receives, and every message it refuses. Pure: shared by the server and `casebridge verify`.
 */
import { z } from 'zod';

/** The kinds of evidence log entry. */
export const evidenceKinds = [
  'message.sent',
  'message.received',
  'receipt.issued',
  'receipt.received',
  'message.refused',
] as const;

export const evidenceKindSchema = z.enum(evidenceKinds);
export type EvidenceKind = z.infer<typeof evidenceKindSchema>;

/** Whether an entry of this kind holds a signed message (accepted or sent), as opposed to a receipt or a refusal. */
export function isMessageKind(kind: EvidenceKind): kind is 'message.sent' | 'message.received' {
  return kind === 'message.sent' || kind === 'message.received';
}

/** Whether an entry of this kind holds a delivery receipt. */
export function isReceiptKind(kind: EvidenceKind): kind is 'receipt.issued' | 'receipt.received' {
  return kind === 'receipt.issued' || kind === 'receipt.received';
}
