import { describe, expect, it } from 'vitest';
import { messageEnvelopeSchema, messageTypes, uuidV7Schema, uuidv7, uuidv7Time } from './envelope.js';
import type { MessageEnvelope } from './envelope.js';

const envelope: MessageEnvelope = {
  id: '0192f3a4-5b6c-7d8e-9f01-23456789abcd',
  type: 'intake.returned',
  from: { node: 'tehran-prosecution', org: 'dadsara-5' },
  to: { node: 'tehran-police-hq', org: 'kalantari-12' },
  caseRef: 'PS-12/1403/000127',
  thread: { prev: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', seq: 2 },
  createdAt: '2024-11-06T10:00:00Z',
  createdBy: 'clerk:17',
  body: { missing: ['صورتجلسه'] },
  documents: [],
};

describe('messageEnvelopeSchema', () => {
  it('accepts a complete envelope unchanged', () => {
    expect(messageEnvelopeSchema.parse(envelope)).toEqual(envelope);
  });

  it('knows the fourteen message types: the case, its intake, judicial orders, escorts and custody notices', () => {
    expect(messageTypes).toHaveLength(14);
    for (const type of messageTypes)
      expect(messageEnvelopeSchema.safeParse({ ...envelope, type }).success).toBe(true);
    expect(messageEnvelopeSchema.safeParse({ ...envelope, type: 'case.deleted' }).success).toBe(false);
  });

  it('refuses members it does not know, which would be signed but silently dropped', () => {
    expect(messageEnvelopeSchema.safeParse({ ...envelope, note: 'x' }).success).toBe(false);
    expect(
      messageEnvelopeSchema.safeParse({ ...envelope, from: { ...envelope.from, role: 'x' } }).success,
    ).toBe(false);
  });

  it('links a thread: the first message has no prev, every later one names the hash of the previous', () => {
    const thread = (prev: string | null, seq: number) =>
      messageEnvelopeSchema.safeParse({ ...envelope, thread: { prev, seq } }).success;
    expect(thread(null, 1)).toBe(true);
    expect(thread(null, 2)).toBe(false);
    expect(thread(envelope.thread.prev, 1)).toBe(false);
    expect(thread(envelope.thread.prev, 0)).toBe(false);
    expect(thread(envelope.thread.prev, 2.5)).toBe(false);
    expect(thread('E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855', 2)).toBe(false);
  });

  it('refuses documents without a well-formed hash, size or media type', () => {
    const doc = {
      sha256: envelope.thread.prev,
      size: 10,
      mediaType: 'application/pdf',
      name: 'a.pdf',
      kind: 'report',
    };
    const documents = (d: Record<string, unknown>) =>
      messageEnvelopeSchema.safeParse({ ...envelope, documents: [d] }).success;
    expect(documents(doc)).toBe(true);
    expect(documents({ ...doc, sha256: 'abc' })).toBe(false);
    expect(documents({ ...doc, size: -1 })).toBe(false);
    expect(documents({ ...doc, mediaType: 'pdf' })).toBe(false);
    expect(documents({ ...doc, name: '' })).toBe(false);
  });

  it('refuses a creation time that is not an ISO instant in UTC, and a body that is not JSON', () => {
    expect(messageEnvelopeSchema.safeParse({ ...envelope, createdAt: '1403/08/16' }).success).toBe(false);
    expect(
      messageEnvelopeSchema.safeParse({ ...envelope, createdAt: '2024-11-06T10:00:00+03:30' }).success,
    ).toBe(false);
    expect(messageEnvelopeSchema.safeParse({ ...envelope, body: undefined }).success).toBe(false);
    expect(messageEnvelopeSchema.safeParse({ ...envelope, body: { n: Infinity } }).success).toBe(false);
  });
});

describe('uuidv7', () => {
  it('makes lower-case version 7, variant 10 UUIDs that carry their creation time', () => {
    const now = Date.UTC(2024, 10, 5, 8, 30);
    const id = uuidv7({ now });
    expect(uuidV7Schema.safeParse(id).success).toBe(true);
    expect(id[14]).toBe('7');
    expect(uuidv7Time(id)).toBe(now);
  });

  it('sorts by creation time', () => {
    const earlier = uuidv7({ now: 1_700_000_000_000 });
    const later = uuidv7({ now: 1_700_000_000_001 });
    expect(earlier < later).toBe(true);
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => uuidv7({ now: 1_700_000_000_000 })));
    expect(ids.size).toBe(1000);
  });

  it('refuses a time that does not fit in 48 bits', () => {
    expect(() => uuidv7({ now: -1 })).toThrow(RangeError);
    expect(() => uuidv7({ now: 2 ** 48 })).toThrow(RangeError);
  });
});
