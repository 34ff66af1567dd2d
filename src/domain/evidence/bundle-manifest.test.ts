import { describe, expect, it } from 'vitest';
import {
  BUNDLE_FORMAT,
  bundleManifestSchema,
  documentFileName,
  keyFileName,
  messageFileName,
  receiptFileName,
  refusedFileName,
} from './bundle-manifest.js';
import { isMessageKind, isReceiptKind } from './evidence-kinds.js';
import { signedTreeHeadSchema } from './tree-head.js';

const sha = 'ab'.repeat(32);
const id = '01900000-0000-7000-8000-000000000000';

describe('the evidence bundle’s file names and manifest', () => {
  it('names files by what identifies them: seq, type and id; message id; sha256; kid; log index', () => {
    expect(messageFileName({ seq: 2, type: 'intake.registered', id })).toBe(
      `messages/2-intake.registered-${id}.jws`,
    );
    expect(receiptFileName(id)).toBe(`receipts/${id}.jws`);
    expect(receiptFileName(id, 2)).toBe(`receipts/${id}-2.jws`);
    expect(documentFileName(sha)).toBe(`documents/${sha}`);
    expect(keyFileName('kid-1')).toBe('keys/kid-1.jwk.json');
    expect(refusedFileName(7)).toBe('refused/7.jws');
  });

  it('accepts a well-formed manifest and refuses another format or a malformed tree head', () => {
    const treeHead = {
      nodeId: 'node-a',
      treeSize: 3,
      rootHash: sha,
      timestamp: '2025-01-01T00:00:00.000Z',
      kid: 'k',
      jws: 'a.b.c',
    };
    const manifest = {
      format: BUNDLE_FORMAT,
      caseRef: 'case-1',
      nodeId: 'node-a',
      createdAt: '2025-01-01T00:00:00.000Z',
      treeHead,
      entries: [],
      messages: [],
      receipts: [],
      documents: [],
      keys: [],
    };
    expect(bundleManifestSchema.safeParse(manifest).success).toBe(true);
    expect(bundleManifestSchema.safeParse({ ...manifest, format: 'other/1' }).success).toBe(false);
    expect(signedTreeHeadSchema.safeParse({ ...treeHead, rootHash: 'AB'.repeat(32) }).success).toBe(false);
    expect(signedTreeHeadSchema.safeParse({ ...treeHead, treeSize: -1 }).success).toBe(false);
  });

  it('tells message entries from receipt entries', () => {
    expect(isMessageKind('message.sent') && isMessageKind('message.received')).toBe(true);
    expect(isMessageKind('message.refused')).toBe(false);
    expect(isReceiptKind('receipt.issued') && isReceiptKind('receipt.received')).toBe(true);
    expect(isReceiptKind('message.sent')).toBe(false);
  });
});
