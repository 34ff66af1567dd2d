/**
 * The message envelope of the exchange (docs/protocol.md §6): an immutable, signed statement from one
 * organisation to another about one case. What is signed is the RFC 8785 canonical JSON of exactly this object, so the
 * schema is strict — an unknown member would be signed but dropped on parsing, and the receiver would hold
 * something other than what was signed.
 *
 * Pure: shared by the server, the web app and `casebridge verify`.
 */
import { z } from 'zod';
import { anyText } from '../text.js';

/** The message types of the first set. The body of each is typed per type elsewhere. */
export const messageTypes = [
  'case.submitted',
  'case.supplemented',
  'intake.registered',
  'intake.returned',
  'intake.rejected',
  'order.issued',
  'order.acknowledged',
  'order.reported',
  'order.closed',
  'escort.requested',
  'escort.assigned',
  'escort.handed-over',
  'escort.cancelled',
  'custody.notified',
] as const;

export const messageTypeSchema = z.enum(messageTypes);
export type MessageType = z.infer<typeof messageTypeSchema>;

/** A SHA-256 as the project writes it: 64 lower-case hex digits. */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');

/** A UUID version 7 (RFC 9562 §5.7) in its lower-case canonical text form. */
export const uuidV7Schema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a lower-case UUID v7');

/** One end of a message: the node (installation) and the organisation on it. */
export const messagePartySchema = z.strictObject({
  node: anyText.min(1),
  org: anyText.min(1),
});
export type MessageParty = z.infer<typeof messagePartySchema>;

/**
 * The place of a message in its case's thread: `seq` counts from 1 and `prev` is the SHA-256 of the previous
 * message of the thread, null only for the first.
 */
export const messageThreadSchema = z
  .strictObject({
    prev: sha256HexSchema.nullable(),
    seq: z.int().min(1),
  })
  .refine(({ prev, seq }) => (seq === 1) === (prev === null), {
    message: 'the first message of a thread has no prev, every later one has one',
    path: ['prev'],
  });
export type MessageThread = z.infer<typeof messageThreadSchema>;

/** A document bound to a message by its hash; the bytes travel separately and are re-hashed on receipt. */
export const messageDocumentSchema = z.strictObject({
  sha256: sha256HexSchema,
  size: z.int().min(0),
  mediaType: anyText.regex(/^[\w.+-]+\/[\w.+-]+(?:\s*;.*)?$/, 'a media type such as application/pdf'),
  name: anyText.min(1),
  kind: anyText.min(1),
});
export type MessageDocument = z.infer<typeof messageDocumentSchema>;

/** The envelope; `body` is any JSON value here and is checked against the schema of its `type` later. */
export const messageEnvelopeSchema = z.strictObject({
  id: uuidV7Schema,
  type: messageTypeSchema,
  from: messagePartySchema,
  to: messagePartySchema,
  caseRef: anyText.min(1),
  thread: messageThreadSchema,
  createdAt: z.iso.datetime(),
  createdBy: anyText.min(1),
  body: z.json(),
  documents: z.array(messageDocumentSchema),
});
export type MessageEnvelope = z.infer<typeof messageEnvelopeSchema>;

/**
 * A new UUID version 7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then 74 random bits, so ids sort by
 * creation time. Uses `globalThis.crypto.getRandomValues` (Node and browsers); `now` is injectable for tests.
 */
export function uuidv7({ now = Date.now() }: { now?: number } = {}): string {
  if (!Number.isSafeInteger(now) || now < 0 || now > 0xffff_ffff_ffff) {
    throw new RangeError('now must be Unix milliseconds that fit in 48 bits');
  }
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f); // version 7
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f); // variant 10
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The Unix milliseconds a UUID v7 was made at. */
export function uuidv7Time(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
