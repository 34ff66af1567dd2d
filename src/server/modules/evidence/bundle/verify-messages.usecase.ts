/**
 * The checks of a bundle's messages and receipts: each message's signature (with a key in the bundle,
 * belonging to the sender's node), canonical payload and hash; each thread's chain (seq 1, 2, 3 … with
 * `prev` the previous message's hash); each receipt's signature (by the receiver's node) and what it names.
 */
import { canonicalize } from '../../../../domain/canonical-json.js';
import { messageFileName, type ManifestMessage } from '../../../../domain/evidence/bundle-manifest.js';
import { deliveryReceiptSchema } from '../../../../domain/messages/bodies.js';
import { openMessage } from '../../../platform/crypto/message-signing.js';
import { verifyJws } from '../../../platform/crypto/signing.js';
import type { BundleMessage, VerifyContext } from './verify-context.ports.js';
import { describeJwsFailure } from './verify-report.presenter.js';

/** Checks every message the manifest lists; fills `ctx.messages` for the thread and receipt checks. */
export async function checkMessages(ctx: VerifyContext): Promise<void> {
  const listedDocuments = new Set(ctx.manifest.documents.map((d) => d.sha256));
  for (const listed of ctx.manifest.messages) {
    if (ctx.messages.has(listed.id)) {
      ctx.fail(listed.file, `message ${listed.id} is listed twice in the manifest`);
      continue;
    }
    if (listed.file !== messageFileName(listed))
      ctx.fail(listed.file, `file name should be ${messageFileName(listed)}`);
    const bytes = await ctx.read(listed.file);
    if (!bytes) {
      ctx.messages.set(listed.id, fromManifest(listed));
      continue;
    }
    const opened = openMessage({ jws: bytes.toString('utf8'), resolveKey: ctx.resolveKey });
    if (!opened.ok) {
      ctx.fail(listed.file, describeJwsFailure(opened.reason));
      ctx.messages.set(listed.id, fromManifest(listed));
      continue;
    }
    const { envelope, sha256, kid } = opened;
    const signerNode = ctx.keys.get(kid)?.nodeId;
    if (signerNode !== envelope.from.node) {
      ctx.fail(
        listed.file,
        `signed with a key of node ${signerNode ?? '?'}, not of the sending node ${envelope.from.node}`,
      );
    }
    if (sha256 !== listed.sha256)
      ctx.fail(listed.file, `SHA-256 ${sha256} does not match the manifest's ${listed.sha256}`);
    if (envelope.caseRef !== ctx.manifest.caseRef)
      ctx.fail(listed.file, `is about case ${envelope.caseRef}, not the bundle's case`);
    const differs = differingFields(listed, {
      id: envelope.id,
      type: envelope.type,
      from: envelope.from,
      to: envelope.to,
      seq: envelope.thread.seq,
      prev: envelope.thread.prev,
      kid,
      documents: envelope.documents.map((d) => d.sha256),
    });
    if (differs.length) ctx.fail(listed.file, `does not match the manifest (${differs.join(', ')})`);
    for (const doc of envelope.documents) {
      if (!listedDocuments.has(doc.sha256))
        ctx.fail(listed.file, `names document ${doc.sha256} that the bundle does not list`);
    }
    ctx.messages.set(envelope.id, {
      id: envelope.id,
      file: listed.file,
      fromOrg: envelope.from.org,
      toNode: envelope.to.node,
      toOrg: envelope.to.org,
      seq: envelope.thread.seq,
      prev: envelope.thread.prev,
      sha256,
      documents: envelope.documents.map((d) => ({ sha256: d.sha256, size: d.size })),
      verified: true,
    });
  }
}

/**
 * Checks that each thread (one sender, one receiver, the case) runs 1, 2, 3 … with each `prev` the hash of
 * the message before. A message absent from the bundle shows as a gap named by the thread.
 */
export function checkThreads(ctx: VerifyContext): void {
  const threads = new Map<string, BundleMessage[]>();
  for (const message of ctx.messages.values()) {
    const key = `${message.fromOrg} → ${message.toOrg}`;
    threads.set(key, [...(threads.get(key) ?? []), message]);
  }
  for (const [key, members] of threads) {
    members.sort((a, b) => a.seq - b.seq);
    let expected = 1;
    let previous: BundleMessage | null = null;
    for (const message of members) {
      if (message.seq > expected) {
        const missing = message.seq - 1 > expected ? `seq ${expected}–${message.seq - 1}` : `seq ${expected}`;
        ctx.fail(`thread ${key}`, `${missing} missing: gap before ${message.file}`);
      } else if (message.seq < expected) {
        ctx.fail(message.file, `repeats seq ${message.seq} of its thread`);
      } else if (message.verified && message.prev !== (previous?.sha256 ?? null)) {
        ctx.fail(
          message.file,
          `prev ${message.prev ?? 'null'} does not chain to ${previous ? `${previous.file} (${previous.sha256})` : 'the start of the thread'}`,
        );
      }
      expected = Math.max(expected, message.seq + 1);
      previous = message;
    }
  }
}

/** Checks every receipt: signed by the receiving node, for exactly the message's id and hash and its documents. */
export async function checkReceipts(ctx: VerifyContext): Promise<void> {
  const listedReceipts = new Set(ctx.manifest.receipts.map((r) => r.file));
  for (const message of ctx.manifest.messages) {
    for (const file of message.receipts)
      if (!listedReceipts.has(file))
        ctx.fail(message.file, `names receipt ${file} that the bundle does not list`);
  }
  for (const listed of ctx.manifest.receipts) {
    const bytes = await ctx.read(listed.file);
    if (!bytes) continue;
    const verified = verifyJws({ jws: bytes.toString('utf8'), resolveKey: ctx.resolveKey });
    if (!verified.ok) {
      ctx.fail(listed.file, describeJwsFailure(verified.reason));
      continue;
    }
    const text = new TextDecoder('utf-8', { fatal: false }).decode(verified.payload);
    const receipt = parseReceipt(text);
    if (typeof receipt === 'string') {
      ctx.fail(listed.file, describeJwsFailure(receipt));
      continue;
    }
    if (
      receipt.messageId !== listed.messageId ||
      receipt.messageSha256 !== listed.messageSha256 ||
      verified.kid !== listed.kid
    ) {
      ctx.fail(listed.file, 'does not match the manifest');
    }
    const message = ctx.messages.get(receipt.messageId);
    if (!message) {
      ctx.fail(listed.file, `acknowledges message ${receipt.messageId}, which is not in the bundle`);
      continue;
    }
    if (receipt.messageSha256 !== message.sha256) {
      ctx.fail(
        listed.file,
        `names hash ${receipt.messageSha256}, not the hash of ${message.file} (${message.sha256})`,
      );
    }
    const signerNode = ctx.keys.get(verified.kid)?.nodeId;
    if (
      signerNode !== receipt.receiver.node ||
      receipt.receiver.node !== message.toNode ||
      receipt.receiver.org !== message.toOrg
    ) {
      ctx.fail(
        listed.file,
        `not signed by the recipient of ${message.file} (signed by node ${signerNode ?? '?'} for ${receipt.receiver.node}/${receipt.receiver.org})`,
      );
    }
    if (!message.verified) continue; // its own failure is reported; its documents are not known
    const named = [...receipt.documentsVerified].sort().join(',');
    const expected = message.documents
      .map((d) => d.sha256)
      .sort()
      .join(',');
    if (named !== expected)
      ctx.fail(listed.file, `does not list exactly the documents of ${message.file} as verified`);
  }
}

function parseReceipt(text: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'receipt.malformed';
  }
  const receipt = deliveryReceiptSchema.safeParse(json);
  if (!receipt.success) return 'receipt.malformed';
  return canonicalize(json) === text ? receipt.data : 'receipt.not_canonical';
}

function fromManifest(listed: ManifestMessage): BundleMessage {
  return {
    id: listed.id,
    file: listed.file,
    fromOrg: listed.from.org,
    toNode: listed.to.node,
    toOrg: listed.to.org,
    seq: listed.seq,
    prev: listed.prev,
    sha256: listed.sha256,
    documents: [],
    verified: false,
  };
}

/** The names of the manifest's fields that differ from the signed message's. */
function differingFields(
  listed: ManifestMessage,
  signed: Omit<ManifestMessage, 'sha256' | 'file' | 'receipts'>,
): string[] {
  return (Object.keys(signed) as (keyof typeof signed)[]).filter(
    (field) => JSON.stringify(listed[field]) !== JSON.stringify(signed[field]),
  );
}
