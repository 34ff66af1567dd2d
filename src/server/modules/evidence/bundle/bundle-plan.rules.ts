/**
 * What goes into a case's evidence bundle, worked out from the case's evidence log entries (pure): the
 * files of signed messages, receipts and refusals, the manifest's lists, the documents the messages name
 * and the keys that signed them. Signatures are not checked here; `casebridge verify` checks them all.
 */
import {
  messageFileName,
  receiptFileName,
  refusedFileName,
  type ManifestEntry,
  type ManifestMessage,
  type ManifestReceipt,
} from '../../../../domain/evidence/bundle-manifest.js';
import { isMessageKind, isReceiptKind } from '../../../../domain/evidence/evidence-kinds.js';
import { deliveryReceiptSchema } from '../../../../domain/messages/bodies.js';
import { messageEnvelopeSchema, type MessageDocument } from '../../../../domain/messages/envelope.js';
import { isSha256Hex } from '../../../platform/crypto/hash.js';
import { peekKid } from '../../../platform/crypto/signing.js';
import { inclusionPathHex } from '../evidence-tree.rules.js';
import type { EvidenceEntry } from '../evidence.repository.js';
import { peekJwsPayload } from './jws-payload.codec.js';

/** Message ids that can name a file (a receipt's claim is not trusted to be a UUID). */
const SAFE_ID = /^[0-9A-Za-z-]{1,100}$/;

/** The bundle's contents, before the documents' presence and the keys are looked up. */
export interface BundlePlan {
  /** Small files by name: the exact bytes of each message, receipt and refusal (compact JWS text). */
  files: Map<string, string>;
  entries: ManifestEntry[];
  messages: ManifestMessage[];
  receipts: ManifestReceipt[];
  /** Every document a message names, by SHA-256 (the first naming wins for name and media type). */
  documents: Map<string, MessageDocument>;
  /** Every key id that signed a message or a receipt. */
  kids: Set<string>;
}

/** Plans the bundle of these entries (all below the tree of `leaves`), with each entry's inclusion proof. */
export function planBundle(caseEntries: readonly EvidenceEntry[], leaves: readonly Uint8Array[]): BundlePlan {
  const plan: BundlePlan = {
    files: new Map(),
    entries: [],
    messages: [],
    receipts: [],
    documents: new Map(),
    kids: new Set(),
  };
  const messagesById = new Map<string, ManifestMessage>();
  const receiptsByMessage = new Map<string, number>();

  for (const entry of caseEntries) {
    const placed =
      (isMessageKind(entry.kind) && placeMessage(plan, messagesById, entry)) ||
      (isReceiptKind(entry.kind) && placeReceipt(plan, receiptsByMessage, entry)) ||
      placeRefusal(plan, entry);
    plan.entries.push({
      idx: entry.idx,
      kind: entry.kind,
      ref: entry.ref,
      at: entry.at.toISOString(),
      file: placed.file,
      leafHash: entry.leafHash,
      inclusionProof: inclusionPathHex(leaves, entry.idx),
      messageSha256: placed.messageSha256,
    });
  }
  for (const receipt of plan.receipts) messagesById.get(receipt.messageId)?.receipts.push(receipt.file);
  plan.messages = [...messagesById.values()].sort(
    (a, b) => a.from.org.localeCompare(b.from.org) || a.to.org.localeCompare(b.to.org) || a.seq - b.seq,
  );
  return plan;
}

interface Placed {
  file: string;
  messageSha256: string | null;
}

function placeMessage(
  plan: BundlePlan,
  byId: Map<string, ManifestMessage>,
  entry: EvidenceEntry,
): Placed | null {
  const payload = peekJwsPayload(entry.entry);
  const envelope = payload ? messageEnvelopeSchema.safeParse(payload.json) : null;
  const kid = peekKid(entry.entry);
  if (!payload || !envelope?.success || !kid) return null;
  const message = envelope.data;
  const file = messageFileName({ seq: message.thread.seq, type: message.type, id: message.id });
  const existing = plan.files.get(file);
  if (existing !== undefined && existing !== entry.entry) return null; // same id, other bytes: kept as a refusal-like file
  if (existing === undefined) {
    plan.files.set(file, entry.entry);
    plan.kids.add(kid);
    for (const doc of message.documents)
      if (!plan.documents.has(doc.sha256)) plan.documents.set(doc.sha256, doc);
    byId.set(message.id, {
      id: message.id,
      type: message.type,
      from: message.from,
      to: message.to,
      seq: message.thread.seq,
      prev: message.thread.prev,
      sha256: payload.sha256,
      kid,
      file,
      receipts: [],
      documents: message.documents.map((d) => d.sha256),
    });
  }
  return { file, messageSha256: payload.sha256 };
}

function placeReceipt(
  plan: BundlePlan,
  countByMessage: Map<string, number>,
  entry: EvidenceEntry,
): Placed | null {
  const payload = peekJwsPayload(entry.entry);
  const receipt = payload ? deliveryReceiptSchema.safeParse(payload.json) : null;
  const kid = peekKid(entry.entry);
  if (!receipt?.success || !kid || !SAFE_ID.test(receipt.data.messageId)) return null;
  const { messageId, messageSha256 } = receipt.data;
  const known = plan.receipts.find(
    (r) => r.messageId === messageId && plan.files.get(r.file) === entry.entry,
  );
  const hash = isSha256Hex(messageSha256) ? messageSha256 : null;
  if (known) return { file: known.file, messageSha256: hash };
  const nth = (countByMessage.get(messageId) ?? 0) + 1;
  countByMessage.set(messageId, nth);
  const file = receiptFileName(messageId, nth);
  plan.files.set(file, entry.entry);
  plan.kids.add(kid);
  plan.receipts.push({ file, messageId, messageSha256, kid });
  return { file, messageSha256: hash };
}

function placeRefusal(plan: BundlePlan, entry: EvidenceEntry): Placed {
  const file = refusedFileName(entry.idx);
  plan.files.set(file, entry.entry);
  return { file, messageSha256: peekJwsPayload(entry.entry)?.sha256 ?? null };
}
