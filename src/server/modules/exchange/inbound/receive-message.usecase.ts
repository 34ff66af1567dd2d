import { createHash } from 'node:crypto';
import { inTransaction } from '../../../db/transaction.js';
import { appendEvidence } from '../delivery-evidence/evidence-log.repository.js';
import { acceptChecked } from './accept-message.usecase.js';
import { insertRefusedMessage } from './refused-messages.repository.js';
import { refusalsTotal } from '../../../platform/metrics.js';
import {
  checkInbound,
  type CheckedMessage,
  type FailedCheck,
  type SenderClaim,
} from './inbound-checks.policy.js';
import type {
  InboundSource,
  OnAccepted,
  ReceiveDeps,
  ReceiveOutcome,
  RefusalReason,
} from './inbound.ports.js';

/** The limiter's key for a source address, and for a claimed sender node (see `admitRecord`). */
export const sourceKey = (address: string) => `source:${address}`;
const claimedPeerKey = (node: string | null) => `peer:${node ?? '-'}`;

/**
 * Counts an unverified refusal against its source address and against the sender node it claims, and
 * says whether a record of it may still be kept (0) or how long the sender must wait (seconds).
 *
 * Why the claimed sender counts only here, once the message is refused: anyone can claim to be any
 * peer. Were messages throttled by their claimed sender *before* the signature is checked, a stranger
 * claiming a real peer's id could get that peer's valid messages answered 429. Counted only after the
 * checks refused the message, the claim can exhaust nothing but the records kept of refusals under
 * that name; the real peer's signed messages pass the checks and never meet this limit. The source
 * address, which a TCP connection cannot forge, is also throttled before the body is read
 * (`exchange.routes.ts`).
 */
function admitRecord(source: InboundSource, claim: SenderClaim, now: Date): number {
  const bySource = source.limiter.count(sourceKey(source.address), now);
  const byPeer = source.limiter.count(claimedPeerKey(claim.node), now);
  return Math.max(bySource, byPeer);
}

type Refusal = Extract<FailedCheck, { refuse: RefusalReason }>;

/**
 * Refuses a message. A trusted peer's well-signed but wrong message is evidence: kept whole in
 * `refused_messages` and the evidence log. Anything else is anyone's bytes: it leaves one bounded
 * record (hash and size of the JWS, the claimed sender node, key id and message id, the source
 * address, the reason and the time; under 1 KB) and nothing in the append-only log — or, past the
 * source's or claimed sender's limit, nothing at all (`throttled`).
 */
async function refuse(
  deps: ReceiveDeps,
  jws: string,
  refusal: Refusal,
  source: InboundSource | undefined,
): Promise<ReceiveOutcome> {
  const now = deps.now();
  const { refuse: reason, claim, envelope, detail } = refusal;
  refusalsTotal.inc({ reason });
  if (!refusal.signed) {
    const wait = source ? admitRecord(source, claim, now) : 0;
    if (wait > 0) return { outcome: 'throttled', reason, retryAfterSeconds: wait };
    await insertRefusedMessage(deps.db, {
      received_at: now,
      from_node: claim.node,
      message_id: claim.messageId,
      kid: claim.kid,
      reason,
      body_sha256: createHash('sha256').update(jws, 'utf8').digest('hex'),
      body_bytes: Buffer.byteLength(jws),
      source_address: source?.address ?? null,
      jws: null,
    });
    return { outcome: 'refused', reason };
  }
  await inTransaction(deps.db, async (tx) => {
    await insertRefusedMessage(tx, {
      received_at: now,
      from_node: envelope?.from.node ?? claim.node,
      message_id: envelope?.id ?? claim.messageId,
      kid: claim.kid,
      reason,
      detail: detail ?? null,
      source_address: source?.address ?? null,
      jws,
    });
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

/** The outcome of a failed check: refused (kept whole, bounded, or throttled) or not yet. */
async function failed(
  deps: ReceiveDeps,
  jws: string,
  check: FailedCheck,
  source?: InboundSource,
): Promise<ReceiveOutcome> {
  if ('incomplete' in check) return check.incomplete;
  return refuse(deps, jws, check, source);
}

/**
 * Receives one signed message, through whatever transport brought it: checks it (`checkInbound`:
 * signature, envelope, body, recipient, every document byte), then accepts it in one transaction
 * (`acceptChecked`: thread, message row, business handler, signed receipt, evidence). Idempotent
 * by message id: a repeat gets the very same receipt. A message that fails verification is
 * refused with a reason code: kept whole as evidence if a trusted key signed it, else as a bounded
 * record counted against its `source` (see `refuse`).
 */
export async function receiveMessage(
  deps: ReceiveDeps,
  jws: string,
  options: { onAccepted?: OnAccepted; source?: InboundSource } = {},
): Promise<ReceiveOutcome> {
  const checked = await checkInbound(deps, jws);
  if (!('kid' in checked)) return failed(deps, jws, checked, options.source);
  const now = deps.now();
  const result = await inTransaction(deps.db, (tx) =>
    acceptChecked(tx, deps, checked, now, options.onAccepted),
  );
  if ('refuse' in result) return refuse(deps, jws, refusalOf(checked, result.refuse), options.source);
  return result;
}

/** A refusal found in the accepting transaction: after the signature, unless the key was revoked meanwhile. */
function refusalOf(checked: CheckedMessage, reason: RefusalReason): Refusal {
  const { envelope, kid } = checked;
  return {
    refuse: reason,
    signed: reason !== 'signature.revoked_key',
    claim: { kid, node: envelope.from.node, messageId: envelope.id },
    envelope,
  };
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
      return 'refuse' in result ? refuse(deps, item.jws, refusalOf(check, result.refuse), undefined) : result;
    }),
  );
}
