import type {
  MessageDocument,
  MessageEnvelope,
  MessageParty,
  MessageType,
} from '../../../../domain/messages/envelope.js';
import { uuidv7 } from '../../../../domain/messages/envelope.js';
import type { MessageBody } from '../../../../domain/messages/bodies.js';
import type { Tx } from '../../../db/client.js';
import { sealMessage } from '../../../platform/crypto/message-signing.js';
import { appendEvidence } from '../delivery-evidence/evidence-log.repository.js';
import { lockThreadHead } from '../messages.repository.js';
import { insertQueuedMessage } from './outbox.repository.js';
import type { Signer } from '../trust/node-keys.usecase.js';

/** The thread a message belongs to: one sender, one receiver, one case. */
export function threadKey(from: string, to: string, caseRef: string): string {
  return `${from}>${to}:${caseRef}`;
}

/** A message to send, before it is numbered in its thread and signed. */
export interface OutgoingMessage<T extends MessageType = MessageType> {
  type: T;
  from: { orgId: string; orgCode: string };
  to: MessageParty;
  caseRef: string;
  createdBy: string;
  body: MessageBody<T>;
  documents: MessageDocument[];
}

/**
 * Numbers, signs and stores an outgoing message and puts it in the outbox, inside the caller's
 * transaction — the state change that causes a message and the message itself commit together
 * (never "commit, then call out"). A delivery worker sends it later, in thread order.
 */
export async function enqueueMessage<T extends MessageType>(
  tx: Tx,
  input: { signer: Signer; message: OutgoingMessage<T>; now: Date },
): Promise<{ id: string; sha256: string; seq: number }> {
  const { signer, message, now } = input;
  const thread = threadKey(message.from.orgCode, message.to.org, message.caseRef);
  const last = await lockThreadHead(tx, {
    lockKey: thread,
    direction: 'out',
    fromOrg: message.from.orgCode,
    toOrg: message.to.org,
    caseRef: message.caseRef,
  });
  const envelope: MessageEnvelope = {
    id: uuidv7({ now: now.getTime() }),
    type: message.type,
    from: { node: signer.nodeId, org: message.from.orgCode },
    to: message.to,
    caseRef: message.caseRef,
    thread: { prev: last?.sha256 ?? null, seq: (last?.seq ?? 0) + 1 },
    createdAt: now.toISOString(),
    createdBy: message.createdBy,
    body: message.body,
    documents: message.documents,
  };
  const sealed = sealMessage({ envelope, privateKey: signer.privateKey, kid: signer.kid });
  await insertQueuedMessage(tx, {
    message: { direction: 'out', orgId: message.from.orgId, envelope, sealed, status: 'queued', at: now },
    thread,
  });
  await appendEvidence(tx, {
    kind: 'message.sent',
    ref: envelope.id,
    caseRef: envelope.caseRef,
    entry: sealed.jws,
    at: now,
  });
  return { id: envelope.id, sha256: sealed.sha256, seq: envelope.thread.seq };
}
