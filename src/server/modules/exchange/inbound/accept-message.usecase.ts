import type { MessageEnvelope } from '../../../../domain/messages/envelope.js';
import type { Tx } from '../../../db/client.js';
import { appendEvidence } from '../delivery-evidence/evidence-log.repository.js';
import type { CheckedMessage } from './inbound-checks.policy.js';
import type { InboundMessage, MessageHandler } from './message-handlers.ports.js';
import { findAcceptedMessage, lockInboundThread, storeAcceptedMessage } from '../messages.repository.js';
import { threadKey } from '../outbound/enqueue-message.usecase.js';
import { signReceipt } from '../delivery-evidence/receipts.policy.js';
import type { OnAccepted, ReceiveDeps, ReceiveOutcome, RefusalReason } from './inbound.ports.js';

/** A message already accepted under this id: the same one (its receipt) or a different one (a conflict). */
async function storedReceipt(
  tx: Tx,
  envelope: MessageEnvelope,
  sha256: string,
): Promise<ReceiveOutcome | null> {
  const existing = await findAcceptedMessage(tx, envelope.id);
  if (!existing) return null;
  if (existing.sha256 !== sha256) return { outcome: 'refused', reason: 'message.id_conflict' };
  return { outcome: 'duplicate', receiptJws: existing.receipt_jws ?? '' };
}

/**
 * Accepts a checked message in the caller's transaction, under its thread's lock: if its key is
 * still trusted, its recipient is one of this node's organisations and it is the thread's next one
 * (seq and prev hash), stores it, runs its business handler, signs a delivery receipt and logs both
 * as evidence. A repeat gets the receipt of the first time; a gap is "not
 * yet"; a fork or a different message under a known id is to be refused (after the transaction).
 */
export async function acceptChecked(
  tx: Tx,
  deps: ReceiveDeps,
  message: CheckedMessage,
  now: Date,
  onAccepted?: OnAccepted,
): Promise<ReceiveOutcome | { refuse: RefusalReason }> {
  const { jws, envelope, body, sha256, canonical } = message;
  const thread = threadKey(envelope.from.org, envelope.to.org, envelope.caseRef);
  const { last, keyTrusted, recipient, idTaken } = await lockInboundThread(tx, {
    lockKey: `in:${thread}`,
    fromOrg: envelope.from.org,
    toOrg: envelope.to.org,
    caseRef: envelope.caseRef,
    kid: message.kid,
    nodeId: deps.signer.nodeId,
    messageId: envelope.id,
  });
  if (!keyTrusted) return { refuse: 'signature.revoked_key' };
  if (!recipient) return { refuse: 'message.wrong_recipient' };
  const expectedSeq = (last?.seq ?? 0) + 1;
  if (envelope.thread.seq !== expectedSeq || envelope.thread.prev !== (last?.sha256 ?? null)) {
    // Not the thread's next message: a repeat of one already accepted, or a gap, or a fork.
    const again = await storedReceipt(tx, envelope, sha256);
    if (again) return again.outcome === 'refused' ? { refuse: again.reason } : again;
    if (envelope.thread.seq > expectedSeq) return { outcome: 'incomplete', reason: 'thread.gap' };
    return { refuse: 'thread.broken' };
  }
  if (idTaken) return { refuse: 'message.id_conflict' }; // by a message of another thread

  const receiptJws = signReceipt(deps.signer, {
    type: 'receipt.delivery',
    messageId: envelope.id,
    messageSha256: sha256,
    receiver: { node: deps.signer.nodeId, org: envelope.to.org },
    receivedAt: now.toISOString(),
    documentsVerified: envelope.documents.map((d) => d.sha256),
  });
  await storeAcceptedMessage(tx, {
    direction: 'in',
    orgId: recipient.id,
    envelope,
    sealed: { sha256, jws, canonical },
    status: 'accepted',
    at: now,
    receiptJws,
  });
  const handler = deps.handlers[envelope.type] as MessageHandler | undefined;
  const inbound: InboundMessage = {
    tx,
    envelope: { ...envelope, body } as InboundMessage['envelope'],
    sha256,
    recipient,
    now,
    signer: deps.signer,
  };
  await handler?.(inbound);
  await appendEvidence(tx, {
    kind: 'message.received',
    ref: envelope.id,
    caseRef: envelope.caseRef,
    entry: jws,
    at: now,
  });
  await appendEvidence(tx, {
    kind: 'receipt.issued',
    ref: envelope.id,
    caseRef: envelope.caseRef,
    entry: receiptJws,
    at: now,
  });
  await onAccepted?.(tx, { caseRef: envelope.caseRef, receiptJws, at: now });
  return { outcome: 'accepted', receiptJws };
}
