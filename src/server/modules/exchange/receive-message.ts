import type { MessageEnvelope } from '../../../domain/messages/envelope.js';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { BlobStore } from '../../platform/blob-store/blob-store.js';
import { appendEvidence } from '../evidence/evidence.repository.js';
import { acceptChecked, type OnAccepted } from './accept-message.js';
import { checkInbound, type FailedCheck } from './inbound-checks.js';
import type { MessageHandlers } from './message-handlers.js';
import type { Signer } from './node-keys.js';
import type { TrustedKeys } from './trusted-keys.js';

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
  /** The trust store's keys, each read once. */
  keys: TrustedKeys;
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

/** The outcome of a failed check: refused (and kept as evidence) or not yet. */
async function failed(deps: ReceiveDeps, jws: string, check: FailedCheck): Promise<ReceiveOutcome> {
  if ('incomplete' in check) return check.incomplete;
  return refuse(deps, jws, check.refuse, check.envelope, check.detail);
}

/**
 * Receives one signed message, through whatever transport brought it: checks it (`checkInbound`:
 * signature, envelope, body, recipient, every document byte), then accepts it in one transaction
 * (`acceptChecked`: thread, message row, business handler, signed receipt, evidence). Idempotent
 * by message id: a repeat gets the very same receipt. A message that fails verification is
 * refused with a reason code and kept as evidence.
 */
export async function receiveMessage(
  deps: ReceiveDeps,
  jws: string,
  options: { onAccepted?: OnAccepted } = {},
): Promise<ReceiveOutcome> {
  const checked = await checkInbound(deps, jws);
  if (!('kid' in checked)) return failed(deps, jws, checked);
  const now = deps.now();
  const result = await inTransaction(deps.db, (tx) =>
    acceptChecked(tx, deps, checked, now, options.onAccepted),
  );
  if ('refuse' in result) return refuse(deps, jws, result.refuse, checked.envelope);
  return result;
}

/**
 * Receives several messages of distinct threads (a delivery worker's claim), accepting all that
 * pass their checks in ONE transaction — one commit and one append to the chains for the lot. If
 * that transaction fails (a handler's error), each is received on its own, so that one message's
 * failure is its alone. Outcomes are in the order of `items`.
 */
export async function receiveMessages(
  deps: ReceiveDeps,
  items: { jws: string; onAccepted?: OnAccepted }[],
): Promise<ReceiveOutcome[]> {
  const checks = await Promise.all(items.map((item) => checkInbound(deps, item.jws)));
  const now = deps.now();
  let accepted: Map<number, Awaited<ReturnType<typeof acceptChecked>>>;
  try {
    accepted = await inTransaction(deps.db, async (tx) => {
      const results = new Map<number, Awaited<ReturnType<typeof acceptChecked>>>();
      for (const [i, check] of checks.entries())
        if ('kid' in check) results.set(i, await acceptChecked(tx, deps, check, now, items[i]?.onAccepted));
      return results;
    });
  } catch {
    return Promise.all(items.map((item) => receiveMessage(deps, item.jws, { onAccepted: item.onAccepted })));
  }
  return Promise.all(
    items.map(async (item, i) => {
      const check = checks[i]!;
      if (!('kid' in check)) return failed(deps, item.jws, check);
      const result = accepted.get(i)!; // every checked message was accepted, or refused, in the transaction
      return 'refuse' in result ? refuse(deps, item.jws, result.refuse, check.envelope) : result;
    }),
  );
}
