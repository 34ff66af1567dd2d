import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeDraftCase, makeOrganisation, makeUser } from '../../../../test/factories.js';
import { startS3Server, type TestS3Server } from '../../../../test/s3.js';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../platform/clock.js';
import { openUploadPartsStore } from '../../platform/blob-store/upload-parts-store.js';
import { removeExpiredUploads } from './resumable-uploads.usecase.js';

const FILE_BYTES = 20 * 1024 * 1024;
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A PDF of `size` bytes: the header, then random bytes (so a part written twice or out of place changes the hash). */
function makePdf(size: number): Buffer {
  const file = randomBytes(size);
  Buffer.from('%PDF-1.7\n').copy(file);
  return file;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP request over a real connection. With `cutAfter`, the body announced is `body` whole but the
 * connection is dropped after that many of its bytes (a link that fails mid-upload): resolves once the socket is gone.
 */
function send(
  base: string,
  options: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: Buffer;
    cutAfter?: number;
  },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(options.path, base);
    const headers: Record<string, string> = { 'tus-resumable': '1.0.0', ...options.headers };
    if (options.body) headers['content-length'] = String(options.body.length);
    const req = http.request(url, { method: options.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    if (options.cutAfter !== undefined) {
      req.on('error', () => resolve({ status: 0, headers: {}, body: '' }));
      req.write(options.body?.subarray(0, options.cutAfter), () => setTimeout(() => req.destroy(), 50));
      return;
    }
    req.on('error', reject);
    req.end(options.body);
  });
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The requests of a tus client, as a user of one session sends them to one case. */
function tusClient(who: () => { base: string; cookie: string; caseId: string }) {
  const begin = (options: { size: number; cookie?: string; kind?: string; target?: string; name?: string }) =>
    send(who().base, {
      method: 'POST',
      path: '/api/uploads',
      headers: {
        ...(options.cookie === '' ? {} : { cookie: options.cookie ?? who().cookie }),
        'upload-length': String(options.size),
        'upload-metadata': [
          `target ${b64(options.target ?? `/api/cases/${who().caseId}/documents`)}`,
          `kind ${b64(options.kind ?? 'evidence')}`,
          `filename ${b64(options.name ?? 'صورت‌جلسه.pdf')}`,
        ].join(','),
      },
    });
  const offsetOf = async (location: string, cookieOf = who().cookie) => {
    const head = await send(who().base, { method: 'HEAD', path: location, headers: { cookie: cookieOf } });
    return { status: head.status, offset: Number(head.headers['upload-offset']) };
  };
  const patch = (location: string, from: number, body: Buffer, cutAfter?: number) =>
    send(who().base, {
      method: 'PATCH',
      path: location,
      headers: {
        cookie: who().cookie,
        'content-type': 'application/offset+octet-stream',
        'upload-offset': String(from),
      },
      body,
      ...(cutAfter === undefined ? {} : { cutAfter }),
    });

  return { begin, offsetOf, patch };
}

/**
 * Uploads `file` through `client`, the connection dropped at `cuts` random points, each time resumed from the
 * offset the server reports (checked to be between the previous one and the cut); the last answer.
 */
async function uploadWithCuts(client: ReturnType<typeof tusClient>, file: Buffer, cuts: number) {
  const { begin, offsetOf, patch } = client;
  const created = await begin({ size: file.length });
  expect(created.status).toBe(201);
  const location = String(created.headers.location);
  expect(location).toMatch(/^\/api\/uploads\/[0-9a-f-]{36}$/);
  const points = Array.from({ length: cuts }, () => 1 + Math.floor(Math.random() * (file.length - 2))).sort(
    (a, b) => a - b,
  );
  let offset = 0;
  for (const cut of points) {
    if (cut <= offset) continue;
    await patch(location, offset, file.subarray(offset), cut - offset);
    const after = await offsetOf(location);
    expect(after.status).toBe(200);
    // What arrived is kept: never more than was sent, never less than before.
    expect(after.offset).toBeGreaterThanOrEqual(offset);
    expect(after.offset).toBeLessThanOrEqual(cut);
    offset = after.offset;
  }
  const last = await patch(location, offset, file.subarray(offset));
  expect(last.status).toBe(200);
  expect(last.headers['upload-offset']).toBe(String(file.length));
  return { last, location, resumedFrom: offset };
}

describe('resumable uploads (tus 1.0 at /api/uploads)', () => {
  let db: Db;
  let base: string;
  let dataDir: string;
  let cookie: string;
  let otherSession: string;
  let strangerCookie: string;
  let caseId: string;
  let strangerCaseId: string;
  const clock = fixedClock('2026-12-06T08:00:00Z');

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
    const started = await useTestApp(db, { clock, config: { maxDocumentBytes: 32 * 1024 * 1024 } });
    dataDir = started.dataDir;
    base = await started.app.listen({ port: 0, host: '127.0.0.1' });
    const org = await makeOrganisation(db);
    const user = await makeUser(db, org.id, 'station.officer');
    cookie = await signIn(started.app, user.username);
    otherSession = await signIn(started.app, user.username);
    caseId = (await makeDraftCase(db, { orgId: org.id, userId: user.id })).id;
    const strangerOrg = await makeOrganisation(db);
    const stranger = await makeUser(db, strangerOrg.id, 'station.officer');
    strangerCookie = await signIn(started.app, stranger.username);
    strangerCaseId = (await makeDraftCase(db, { orgId: strangerOrg.id, userId: stranger.id })).id;
  });

  const { begin, offsetOf, patch } = tusClient(() => ({ base, cookie, caseId }));

  it('resumes a 20 MB upload cut at three random points from the last byte received; the document is the file, stored once', async () => {
    const file = makePdf(FILE_BYTES);
    const { last, location } = await uploadWithCuts(
      tusClient(() => ({ base, cookie, caseId })),
      file,
      3,
    );
    const document = JSON.parse(last.body) as {
      sha256: string;
      size: number;
      name: string;
      mediaType: string;
    };
    expect(document).toMatchObject({
      sha256: sha256(file),
      size: FILE_BYTES,
      name: 'صورت‌جلسه.pdf',
      mediaType: 'application/pdf',
    });

    const documents = await db
      .selectFrom('case_documents')
      .select('sha256')
      .where('case_id', '=', caseId)
      .execute();
    expect(documents).toEqual([{ sha256: sha256(file) }]);
    expect(await db.selectFrom('resumable_uploads').selectAll().execute()).toEqual([]);
    expect(await fs.readdir(path.join(dataDir, 'uploads'))).toEqual([]);
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', 'in', [caseId])
      .execute();
    expect(audit.map((a) => a.action)).toContain('document.upload_started');
    // The upload is gone once attached: its URL is not found.
    expect((await offsetOf(location)).status).toBe(404);
  });

  it('lets only the session that began an upload see or continue it, and only a signed-in user of the case begin one', async () => {
    const created = await begin({ size: 1000 });
    const location = String(created.headers.location);
    expect((await offsetOf(location, otherSession)).status).toBe(404);
    expect((await offsetOf(location, strangerCookie)).status).toBe(404);
    const foreignPatch = await send(base, {
      method: 'PATCH',
      path: location,
      headers: {
        cookie: otherSession,
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '0',
      },
      body: Buffer.alloc(10),
    });
    expect(foreignPatch.status).toBe(404);
    expect(JSON.parse(foreignPatch.body).error.code).toBe('uploads.not_found');
    expect((await offsetOf(location)).offset).toBe(0);

    expect((await begin({ size: 1000, cookie: '' })).status).toBe(401);
    const foreignCase = await begin({ size: 1000, cookie: strangerCookie });
    expect(JSON.parse(foreignCase.body).error.code).toBe('cases.not_found');
    const fromElsewhere = await send(base, {
      method: 'POST',
      path: '/api/uploads',
      headers: { cookie, origin: 'https://evil.example', 'upload-length': '10' },
    });
    expect(fromElsewhere.status).toBe(403);

    const cancelled = await send(base, { method: 'DELETE', path: location, headers: { cookie } });
    expect(cancelled.status).toBe(204);
    expect((await offsetOf(location)).status).toBe(404);
  });

  it('refuses what the single-request upload refuses, before a byte and after the last, keeping nothing', async () => {
    const before = await db.selectFrom('resumable_uploads').select('id').execute();
    const tooLarge = await begin({ size: 33 * 1024 * 1024 });
    expect([tooLarge.status, JSON.parse(tooLarge.body).error.code]).toEqual([413, 'documents.too_large']);
    const empty = await begin({ size: 0 });
    expect(JSON.parse(empty.body).error.code).toBe('documents.empty');
    const noLength = await send(base, {
      method: 'POST',
      path: '/api/uploads',
      headers: { cookie, 'upload-defer-length': '1' },
    });
    expect(JSON.parse(noLength.body).error.code).toBe('uploads.length_required');
    const badKind = await begin({ size: 10, kind: 'poem' });
    expect(JSON.parse(badKind.body).error.issues[0].path).toBe('headers.upload-metadata.kind');
    const badTarget = await begin({ size: 10, target: `/api/cases/${caseId}/elsewhere` });
    expect(JSON.parse(badTarget.body).error.issues[0].path).toBe('headers.upload-metadata.target');
    const otherCaseTarget = await begin({ size: 10, target: `/api/cases/${strangerCaseId}/documents` });
    expect(JSON.parse(otherCaseTarget.body).error.code).toBe('cases.not_found');
    expect(await db.selectFrom('resumable_uploads').select('id').execute()).toEqual(before);

    // Bytes of no accepted type: refused when the last one arrives, like the multipart upload; nothing is kept.
    const created = await begin({ size: 4096 });
    const location = String(created.headers.location);
    const last = await patch(location, 0, Buffer.alloc(4096, 0));
    expect([last.status, JSON.parse(last.body).error.code]).toEqual([415, 'documents.unsupported_type']);
    expect(await db.selectFrom('resumable_uploads').select('id').execute()).toEqual(before);
    const docs = await db.selectFrom('case_documents').select('id').where('case_id', '=', caseId).execute();
    expect(docs).toHaveLength(1);
  });

  it('removes an upload left untouched past the expiry, bytes and all, and keeps a fresh one', async () => {
    const old = await begin({ size: 2048 });
    const oldLocation = String(old.headers.location);
    await patch(oldLocation, 0, makePdf(2048), 1024);
    const fresh = await begin({ size: 2048 });
    // The old one last received a chunk 25 hours ago (the sessions would have expired meanwhile: set directly).
    await db
      .updateTable('resumable_uploads')
      .set({ touched_at: new Date(clock.now().getTime() - 25 * 3_600_000) })
      .where('id', '=', path.posix.basename(oldLocation))
      .execute();
    const parts = openUploadPartsStore(path.join(dataDir, 'uploads'));
    const removed = await removeExpiredUploads({ db, clock, parts, expiryMs: 24 * 3_600_000 });
    expect(removed).toBe(1);
    // (The sessions have expired by now too: the records are looked at directly.)
    const left = await db.selectFrom('resumable_uploads').select('id').execute();
    expect(left.map((r) => `/api/uploads/${r.id}`)).toEqual([fresh.headers.location]);
    const files = await fs.readdir(path.join(dataDir, 'uploads'));
    expect(files.some((f) => oldLocation.endsWith(f))).toBe(false);
    expect(files.some((f) => String(fresh.headers.location).endsWith(f))).toBe(true);
  });
});

describe('resumable uploads with the documents in S3', () => {
  let db: Db;
  let base: string;
  let cookie: string;
  let caseId: string;
  let s3: TestS3Server;

  beforeAll(async () => {
    s3 = await startS3Server();
    ({ db } = await useTestDatabase());
    const blobStore = { kind: 's3' as const, ...s3.options(), prefix: 'node-a' };
    const started = await useTestApp(db, { config: { blobStore } });
    base = await started.app.listen({ port: 0, host: '127.0.0.1' });
    const org = await makeOrganisation(db);
    const user = await makeUser(db, org.id, 'station.officer');
    cookie = await signIn(started.app, user.username);
    caseId = (await makeDraftCase(db, { orgId: org.id, userId: user.id })).id;
  });
  afterAll(async () => s3.stop());

  it('resumes after two cuts and hands the whole file to the bucket; the document is the file, no temporary object left', async () => {
    const file = makePdf(8 * 1024 * 1024);
    const { last } = await uploadWithCuts(
      tusClient(() => ({ base, cookie, caseId })),
      file,
      2,
    );
    expect(JSON.parse(last.body)).toMatchObject({ sha256: sha256(file), size: file.length });
    const keys = await fs.readdir(path.join(s3.dir, 'casebridge'), { recursive: true });
    // The document under its hash; nothing of the upload left in the bucket.
    expect(keys.some((k) => k.includes(`node-a/sha256/${sha256(file)}`))).toBe(true);
    expect(keys.filter((k) => k.includes('/tmp/') && k.endsWith('_S3rver_object'))).toEqual([]);
  });
});
