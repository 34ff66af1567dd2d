import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../test/db.js';
import { makeDraftCase, makeOrganisation, makeUser } from '../../../../test/factories.js';
import type { DocumentKind } from '../../../domain/documents/documents.schema.js';
import type { Actor } from '../../../domain/permissions.js';
import type { Db } from '../../db/client.js';
import type { BlobStore } from '../../platform/blob-store/blob-store.js';
import { createFsBlobStore } from '../../platform/blob-store/fs-blob-store.js';
import { systemClock } from '../../platform/clock.js';
import { hashStream, sha256Hex } from '../../platform/crypto/hash.js';
import { openDocumentStream, uploadDocument, type IncomingDocument } from './documents.usecase.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');

const incoming = (
  content: Buffer,
  kind: DocumentKind = 'report',
  fileName = 'doc.pdf',
): IncomingDocument => ({
  kind,
  fileName,
  content: Readable.from([content]),
  wasTruncated: () => false,
});

describe('documents, as the use cases see them', () => {
  let db: Db;
  let blobs: BlobStore;
  let root: string;
  let actor: Actor;
  let stranger: Actor;

  const newCase = async () => (await makeDraftCase(db, { orgId: actor.orgId, userId: actor.userId })).id;
  const upload = (caseId: string, receive: () => Promise<IncomingDocument>, store = blobs) =>
    uploadDocument({ db, blobs: store, clock: systemClock, actor, caseId, maxBytes: 1024 * 1024, receive });
  const sendCase = (caseId: string) =>
    db.updateTable('cases').set({ status: 'sent' }).where('id', '=', caseId).execute();

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-documents-'));
    blobs = createFsBlobStore(root);
    const org = await makeOrganisation(db);
    const user = await makeUser(db, org.id, 'station.officer');
    actor = { userId: user.id, orgId: org.id, role: user.role };
    const otherOrg = await makeOrganisation(db);
    const other = await makeUser(db, otherOrg.id, 'station.chief');
    stranger = { userId: other.id, orgId: otherOrg.id, role: other.role };
  });
  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  it('opens a document as a stream of its bytes for the exchange, with its record', async () => {
    const caseId = await newCase();
    const document = await upload(caseId, async () => incoming(PDF, 'complaint', 'شکایت.pdf'));
    const opened = await openDocumentStream({ db, blobs, actor, caseId, documentId: document.id });
    expect(opened.document).toEqual(document);
    expect(await hashStream(opened.content)).toEqual({ sha256: sha256Hex(PDF), size: PDF.length });
  });

  it('opens nothing for another station, nor for a document of another case', async () => {
    const caseId = await newCase();
    const document = await upload(caseId, async () => incoming(Buffer.concat([PDF, Buffer.from('x')])));
    await expect(
      openDocumentStream({ db, blobs, actor: stranger, caseId, documentId: document.id }),
    ).rejects.toMatchObject({ code: 'cases.not_found' });
    await expect(
      openDocumentStream({ db, blobs, actor, caseId: await newCase(), documentId: document.id }),
    ).rejects.toMatchObject({ code: 'documents.not_found' });
  });

  it('does not read the upload at all when the actor may not add to the case', async () => {
    let received = false;
    const receive = async () => {
      received = true;
      return incoming(PDF);
    };
    const caseId = await newCase();
    await expect(
      uploadDocument({ db, blobs, clock: systemClock, actor: stranger, caseId, maxBytes: 1024, receive }),
    ).rejects.toMatchObject({ code: 'cases.not_found' });
    await sendCase(caseId);
    await expect(upload(caseId, receive)).rejects.toMatchObject({ code: 'cases.not_editable' });
    expect(received).toBe(false);
  });

  it('refuses, and removes the blob, when the case is sent while the file is uploading', async () => {
    const caseId = await newCase();
    const content = Buffer.concat([PDF, Buffer.from('sent meanwhile')]);
    const error = await upload(caseId, async () => {
      await sendCase(caseId);
      return incoming(content);
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'cases.not_editable' });
    expect(await blobs.has(sha256Hex(content))).toBe(false);
    expect(
      await db.selectFrom('case_documents').select('id').where('case_id', '=', caseId).execute(),
    ).toEqual([]);
  });

  it('keeps the blob when the refused upload\u2019s bytes belong to another document too', async () => {
    const content = Buffer.concat([PDF, Buffer.from('shared')]);
    await upload(await newCase(), async () => incoming(content));
    const caseId = await newCase();
    await expect(
      upload(caseId, async () => {
        await sendCase(caseId);
        return incoming(content);
      }),
    ).rejects.toMatchObject({ code: 'cases.not_editable' });
    expect(await blobs.has(sha256Hex(content))).toBe(true);
  });

  it('records nothing when the blob has gone from the store before the document is committed', async () => {
    const caseId = await newCase();
    const content = Buffer.concat([PDF, Buffer.from('vanishing')]);
    // The fs store, but a concurrent refusal of the same bytes removes the blob just after it is written.
    const vanishing: BlobStore = {
      ...blobs,
      put: async (source, options) => {
        const stored = await blobs.put(source, options);
        await blobs.remove(stored.sha256);
        return stored;
      },
    };
    await expect(upload(caseId, async () => incoming(content), vanishing)).rejects.toMatchObject({
      code: 'documents.upload_conflict',
    });
    expect(
      await db.selectFrom('blobs').select('sha256').where('sha256', '=', sha256Hex(content)).execute(),
    ).toEqual([]);
  });

  it('checks a text longer than the stored head to its end', async () => {
    const persian = Buffer.from('صورتجلسه بازرسی محل وقوع جرم\n'.repeat(400));
    const accepted = await upload(await newCase(), async () => incoming(persian, 'report', 'صورتجلسه.txt'));
    expect(accepted).toMatchObject({ mediaType: 'text/plain', size: persian.length });

    const turnsBinary = Buffer.concat([
      Buffer.from('plain at first\n'.repeat(400)),
      Buffer.from([0x00, 0x01]),
      Buffer.from('MZ'),
    ]);
    await expect(upload(await newCase(), async () => incoming(turnsBinary))).rejects.toMatchObject({
      code: 'documents.unsupported_type',
    });
    expect(await blobs.has(sha256Hex(turnsBinary))).toBe(false);
  });

  it('refuses a file its transport cut short, and keeps nothing', async () => {
    const content = Buffer.concat([PDF, Buffer.from('cut')]);
    const cut = { ...incoming(content), wasTruncated: () => true };
    await expect(upload(await newCase(), async () => cut)).rejects.toMatchObject({
      code: 'documents.too_large',
    });
    expect(await blobs.has(sha256Hex(content))).toBe(false);
  });
});
