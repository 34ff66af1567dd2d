import { messageBodySchemas } from '../../../domain/messages/bodies.js';
import type { MessageEnvelope } from '../../../domain/messages/envelope.js';
import type { Db, Tx } from '../../db/client.js';
import type { BlobStore } from '../../platform/blob-store/blob-store.js';
import { hashStream } from '../../platform/crypto/hash.js';
import { openMessage } from '../../platform/crypto/message-signing.js';
import { peekKid } from '../../platform/crypto/signing.js';
import { appendEvidence } from '../evidence/evidence.repository.js';
import { insertMessage, lockThreadHead } from './messages.repository.js';
import type { InboundMessage, MessageHandler, MessageHandlers } from './message-handlers.js';
import type { Signer } from './node-keys.js';
import { threadKey } from './outbox.js';
import { signReceipt } from './receipts.js';
import { findVerificationKey } from './trust.repository.js';
import { inTransaction } from '../../db/transaction.js';

/** Reasons a message is refused for good (kept as evidence); each is also an i18n key under `errors.` */
export type RefusalReason =
  | 'signature.malformed'
  | 'signature.invalid'
  | 'signature.unknown_key'
  | 'signature.revoked_key'
  | 'signature.wrong_node'
  | 'message.malformed'
  | 'message.not_canonical'
  | 'message.invalid_body'
  | 'message.wrong_recipient'
  | 'message.id_conflict'
  | 'thread.broken'
  | 'documents.hash_mismatch';

/** The receiver's answer to one delivery attempt. */
export type ReceiveOutcome =
  | { outcome: 'accepted' | 'duplicate'; receiptJws: string }
  | { outcome: 'refused'; reason: RefusalReason }
  /** Not accepted *yet*: the sender should send what is missing (or the earlier messages) and try again. */
  | { outcome: 'incomplete'; reason: 'documents.missing' | 'thread.gap'; missing?: string[] };

/** What the receiver tells `onAccepted`, inside its transaction, of a message it accepts. */
export interface AcceptedMessage {
  caseRef: string;
  receiptJws: string;
  at: Date;
}

export interface ReceiveDeps {
  db: Db;
  blobs: BlobStore;
  signer: Signer;
  handlers: MessageHandlers;
  now: () => Date;
}

async function refuse(
  deps: ReceiveDeps,
  jws: string,
  reason: RefusalReason,
  envelope?: MessageEnvelope,
  detail?: string,
): Promise<ReceiveOutcome> {
  const now = deps.now();
  await inTransaction(deps.db, async (tx) => {
    await tx
      .insertInto('refused_messages')
      .values({
        received_at: now,
        from_node: envelope?.from.node ?? null,
        message_id: envelope?.id ?? null,
        reason,
        detail: detail ?? null,
        jws,
      })
      .execute();
    await appendEvidence(tx, {
      kind: 'message.refused',
      ref: envelope?.id ?? 'unknown',
      caseRef: envelope?.caseRef ?? null,
      entry: jws,
      at: now,
    });
  });
  return { outcome: 'refused', reason };
}

/** Which documents are not (all there and intact) in the store: each is re-hashed byte by byte. */
async function findUnverifiedDocuments(
  blobs: BlobStore,
  envelope: MessageEnvelope,
): Promise<{ missing: string[]; corrupt: string[] }> {
  const missing: string[] = [];
  const corrupt: string[] = [];
  for (const doc of envelope.documents) {
    if (!(await blobs.has(doc.sha256))) {
      missing.push(doc.sha256);
      continue;
    }
    const digest = await hashStream(await blobs.get(doc.sha256));
    if (digest.sha256 !== doc.sha256 || digest.size !== doc.size) corrupt.push(doc.sha256);
  }
  return { missing, corrupt };
}

/** A message already accepted under this id: the same one (its receipt) or a different one (a conflict). */
async function storedReceipt(
  tx: Tx,
  envelope: MessageEnvelope,
  sha256: string,
): Promise<ReceiveOutcome | null> {
  const existing = await tx
    .selectFrom('messages')
    .select(['sha256', 'receipt_jws'])
    .where('direction', '=', 'in')
    .where('id', '=', envelope.id)
    .executeTakeFirst();
  if (!existing) return null;
  if (existing.sha256 !== sha256) return { outcome: 'refused', reason: 'message.id_conflict' };
  return { outcome: 'duplicate', receiptJws: existing.receipt_jws ?? '' };
}

/**
 * Receives one signed message, through whatever transport brought it: verifies the signature
 * against the sender node's trusted, unrevoked key; the envelope, the body's schema, the recipient,
 * the thread (seq and prev hash) and every document byte; then, in one transaction, stores it, runs
 * its business handler, signs a delivery receipt and logs both as evidence. Idempotent by message
 * id: a repeat gets the very same receipt. A message that fails verification is refused with a
 * reason code and kept as evidence.
 */
export async function receiveMessage(
  deps: ReceiveDeps,
  jws: string,
  options: { onAccepted?: (tx: Tx, accepted: AcceptedMessage) => Promise<void> } = {},
): Promise<ReceiveOutcome> {
  const kid = peekKid(jws);
  if (!kid) return refuse(deps, jws, 'signature.malformed');
  const key = await findVerificationKey(deps.db, kid);
  const opened = openMessage({ jws, resolveKey: (k) => (key && k === key.kid ? key.publicKey : null) });
  if (!opened.ok) return refuse(deps, jws, opened.reason);
  const { envelope, sha256 } = opened;
  if (!key || key.revoked) return refuse(deps, jws, 'signature.revoked_key', envelope);
  if (key.nodeId !== envelope.from.node) return refuse(deps, jws, 'signature.wrong_node', envelope);

  const body = messageBodySchemas[envelope.type].safeParse(envelope.body);
  if (!body.success)
    return refuse(
      deps,
      jws,
      'message.invalid_body',
      envelope,
      body.error.issues.map((i) => i.path.join('.')).join(','),
    );
  const recipient = await deps.db
    .selectFrom('organisations')
    .selectAll()
    .where('code', '=', envelope.to.org)
    .where('node_id', '=', deps.signer.nodeId)
    .executeTakeFirst();
  if (envelope.to.node !== deps.signer.nodeId || !recipient)
    return refuse(deps, jws, 'message.wrong_recipient', envelope);

  const docs = await findUnverifiedDocuments(deps.blobs, envelope);
  if (docs.corrupt.length)
    return refuse(deps, jws, 'documents.hash_mismatch', envelope, docs.corrupt.join(','));
  if (docs.missing.length)
    return { outcome: 'incomplete', reason: 'documents.missing', missing: docs.missing };

  const now = deps.now();
  const result = await inTransaction(
    deps.db,
    async (tx): Promise<ReceiveOutcome | { refuse: RefusalReason }> => {
      const thread = threadKey(envelope.from.org, envelope.to.org, envelope.caseRef);
      const last = await lockThreadHead(tx, {
        lockKey: `in:${thread}`,
        direction: 'in',
        fromOrg: envelope.from.org,
        toOrg: envelope.to.org,
        caseRef: envelope.caseRef,
      });
      const expectedSeq = (last?.seq ?? 0) + 1;
      if (envelope.thread.seq !== expectedSeq || envelope.thread.prev !== (last?.sha256 ?? null)) {
        // Not the thread's next message: a repeat of one already accepted, or a gap, or a fork.
        const again = await storedReceipt(tx, envelope, sha256);
        if (again) return again.outcome === 'refused' ? { refuse: again.reason } : again;
        if (envelope.thread.seq > expectedSeq) return { outcome: 'incomplete', reason: 'thread.gap' };
        return { refuse: 'thread.broken' };
      }

      const receiptJws = signReceipt(deps.signer, {
        type: 'receipt.delivery',
        messageId: envelope.id,
        messageSha256: sha256,
        receiver: { node: deps.signer.nodeId, org: envelope.to.org },
        receivedAt: now.toISOString(),
        documentsVerified: envelope.documents.map((d) => d.sha256),
      });
      const stored = await insertMessage(tx, {
        direction: 'in',
        orgId: recipient.id,
        envelope,
        sealed: { sha256, jws, canonical: opened.canonical },
        status: 'accepted',
        at: now,
        receiptJws,
      });
      if (!stored) return { refuse: 'message.id_conflict' }; // its id is taken by a message of another thread
      const handler = deps.handlers[envelope.type] as MessageHandler | undefined;
      const inbound: InboundMessage = {
        tx,
        envelope: { ...envelope, body: body.data } as InboundMessage['envelope'],
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
      await options.onAccepted?.(tx, { caseRef: envelope.caseRef, receiptJws, at: now });
      return { outcome: 'accepted', receiptJws };
    },
  );
  if ('refuse' in result) return refuse(deps, jws, result.refuse, envelope);
  return result;
}
