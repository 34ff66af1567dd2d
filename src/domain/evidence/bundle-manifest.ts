/**
 * The `manifest.json` of an evidence bundle (a ZIP a node exports for one case, docs/protocol.md §14) and
 * the names of the files in it. The manifest says what is in the bundle; nothing in it is taken on trust by
 * `casebridge verify`: every message, receipt and tree head is checked against its signature, every document
 * against its hash, and every log entry against the signed tree head by its inclusion proof.
 *
 * Pure: shared by the exporter and the offline verifier.
 */
import { z } from 'zod';
import {
  messagePartySchema,
  messageTypeSchema,
  sha256HexSchema,
  type MessageType,
} from '../messages/envelope.js';
import { evidenceKindSchema } from './evidence-kinds.js';
import { signedTreeHeadSchema } from './tree-head.js';

/** The format tag of the manifest; a verifier refuses any other. */
export const BUNDLE_FORMAT = 'casebridge-evidence-bundle/1';

/** The file names at the root of a bundle. */
export const MANIFEST_FILE = 'manifest.json';
export const README_FILE = 'README.txt';

/** `messages/<seq>-<type>-<id>.jws`: a signed message, exactly as signed (compact JWS). */
export function messageFileName(message: { seq: number; type: MessageType; id: string }): string {
  return `messages/${message.seq}-${message.type}-${message.id}.jws`;
}

/** `receipts/<message id>.jws` (a second, different receipt for the same message gets `-2`, …). */
export function receiptFileName(messageId: string, nth = 1): string {
  return nth === 1 ? `receipts/${messageId}.jws` : `receipts/${messageId}-${nth}.jws`;
}

/** `refused/<idx>.jws`: the bytes of a message this node refused, kept as evidence (not necessarily a valid JWS). */
export function refusedFileName(idx: number): string {
  return `refused/${idx}.jws`;
}

/** `documents/<sha256>`: a document's bytes, named by their SHA-256. */
export function documentFileName(sha256: string): string {
  return `documents/${sha256}`;
}

/** `keys/<kid>.jwk.json`: a public key (Ed25519 JWK) of a signer. */
export function keyFileName(kid: string): string {
  return `keys/${kid}.jwk.json`;
}

/** One entry of the node's evidence log that concerns the case, with its proof of inclusion in the signed tree. */
export const manifestEntrySchema = z.strictObject({
  idx: z.int().min(0),
  kind: evidenceKindSchema,
  /** The message id the entry is about ('unknown' for an unreadable refusal). */
  ref: z.string(),
  at: z.iso.datetime(),
  /** The file holding the entry's exact bytes. */
  file: z.string().min(1),
  /** SHA-256(0x00 ‖ entry bytes), hex. */
  leafHash: sha256HexSchema,
  /** RFC 9162 inclusion path (hex), from the leaf's sibling upwards, in the tree of the signed tree head. */
  inclusionProof: z.array(sha256HexSchema),
  /** The hash of the message the entry is (or acknowledges); null for an unreadable refusal. */
  messageSha256: sha256HexSchema.nullable(),
});
export type ManifestEntry = z.infer<typeof manifestEntrySchema>;

/** A signed message of the case (either direction). */
export const manifestMessageSchema = z.strictObject({
  id: z.string(),
  type: messageTypeSchema,
  from: messagePartySchema,
  to: messagePartySchema,
  seq: z.int().min(1),
  prev: sha256HexSchema.nullable(),
  sha256: sha256HexSchema,
  kid: z.string(),
  file: z.string().min(1),
  /** The receipt files that acknowledge this message. */
  receipts: z.array(z.string()),
  documents: z.array(sha256HexSchema),
});
export type ManifestMessage = z.infer<typeof manifestMessageSchema>;

/** A signed delivery receipt. */
export const manifestReceiptSchema = z.strictObject({
  file: z.string().min(1),
  messageId: z.string(),
  messageSha256: z.string(),
  kid: z.string(),
});
export type ManifestReceipt = z.infer<typeof manifestReceiptSchema>;

/** A document some message of the case names; `file` is null when the node does not hold its bytes. */
export const manifestDocumentSchema = z.strictObject({
  sha256: sha256HexSchema,
  size: z.int().min(0),
  mediaType: z.string(),
  name: z.string(),
  file: z.string().nullable(),
});
export type ManifestDocument = z.infer<typeof manifestDocumentSchema>;

/** A public key of a signer, and the node the exporting node's trust store says it belongs to. */
export const manifestKeySchema = z.strictObject({
  kid: z.string().min(1),
  nodeId: z.string().min(1),
  file: z.string().min(1),
  revoked: z.boolean(),
});
export type ManifestKey = z.infer<typeof manifestKeySchema>;

/** The whole manifest. */
export const bundleManifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  caseRef: z.string().min(1),
  nodeId: z.string().min(1),
  createdAt: z.iso.datetime(),
  treeHead: signedTreeHeadSchema,
  entries: z.array(manifestEntrySchema),
  messages: z.array(manifestMessageSchema),
  receipts: z.array(manifestReceiptSchema),
  documents: z.array(manifestDocumentSchema),
  keys: z.array(manifestKeySchema),
});
export type BundleManifest = z.infer<typeof bundleManifestSchema>;
