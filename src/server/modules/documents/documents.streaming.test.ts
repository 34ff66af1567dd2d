import { Readable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, signIn } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeDraftCase, makeOrganisation, makeUser } from '../../../../test/factories.js';
import type { App } from '../../platform/http/fastify-app.js';
import { hashStream } from '../../platform/crypto/hash.js';

const FILE_BYTES = 50 * 1024 * 1024;
const CHUNK = 64 * 1024;
const PDF_HEADER = Buffer.from('%PDF-1.7\n');

/**
 * A PDF header then zeros, `FILE_BYTES` in all, made chunk by chunk as it is read (never whole in memory);
 * `onProgress` is called every 8 MiB, while the upload is under way.
 */
function* generatedPdf(onProgress?: () => void): Generator<Buffer> {
  yield PDF_HEADER;
  let sent = PDF_HEADER.length;
  for (let left = FILE_BYTES - PDF_HEADER.length; left > 0; left -= CHUNK) {
    if (onProgress && Math.floor(sent / (8 * 1024 * 1024)) !== Math.floor((sent + CHUNK) / (8 * 1024 * 1024)))
      onProgress();
    sent += CHUNK;
    yield Buffer.alloc(Math.min(CHUNK, left));
  }
}

/** The multipart body around the generated file, as a stream. */
function multipartStream(boundary: string, onProgress: () => void): Readable {
  return Readable.from(
    (function* () {
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nevidence\r\n`);
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      );
      yield* generatedPdf(onProgress);
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    })(),
    { objectMode: false },
  );
}

/**
 * The garbage collector, so that what is measured is what is still held, not what is waiting to be collected
 * (Buffers live outside the JS heap and are freed only when a collection runs, which V8 may put off for tens of MB).
 */
function exposeGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

describe('streaming a large document', () => {
  let app: App;
  let cookie: string;
  let caseId: string;

  beforeAll(async () => {
    const { db } = await useTestDatabase();
    ({ app } = await useTestApp(db));
    const org = await makeOrganisation(db);
    const user = await makeUser(db, org.id, 'station.officer');
    cookie = await signIn(app, user.username);
    caseId = (await makeDraftCase(db, { orgId: org.id, userId: user.id })).id;
  });

  it('uploads a 50 MB file without holding it in memory: neither the JS heap nor Buffer memory grows by a quarter of it', async () => {
    const boundary = 'casebridge-streaming-test';
    const gc = exposeGc();
    gc();
    gc();
    const before = process.memoryUsage();
    let peakHeap = 0;
    let peakBuffers = 0;
    let samples = 0;
    // Measured every 8 MiB of the upload, after a collection: what the server still holds at that moment.
    const sample = () => {
      gc();
      gc(); // the second one finishes the sweeping the first began, so that freed Buffers are no longer counted
      const now = process.memoryUsage();
      peakHeap = Math.max(peakHeap, now.heapUsed - before.heapUsed);
      peakBuffers = Math.max(peakBuffers, now.arrayBuffers - before.arrayBuffers);
      samples += 1;
    };
    const res = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/documents`,
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: multipartStream(boundary, sample),
    });

    expect(res.statusCode).toBe(201);
    const expected = await hashStream(Readable.from(generatedPdf()));
    expect(res.json()).toMatchObject({
      size: FILE_BYTES,
      sha256: expected.sha256,
      mediaType: 'application/pdf',
    });
    // Both are watched: a file held as Buffers grows `arrayBuffers` by ~50 MB and leaves `heapUsed` almost flat.
    expect(samples).toBeGreaterThanOrEqual(5);
    expect(peakHeap).toBeLessThan(FILE_BYTES / 4);
    expect(peakBuffers).toBeLessThan(FILE_BYTES / 4);
  });

  it('downloads it back as a stream, byte for byte', async () => {
    const list = await app.inject({
      method: 'GET',
      url: `/api/cases/${caseId}/documents`,
      headers: { cookie },
    });
    const [document] = list.json().items;
    const res = await app.inject({
      method: 'GET',
      url: `/api/cases/${caseId}/documents/${document.id}/content`,
      headers: { cookie },
      payloadAsStream: true,
    });
    expect(res.statusCode).toBe(200);
    expect(await hashStream(res.stream())).toEqual({ sha256: document.sha256, size: FILE_BYTES });
  });
});

describe('uploading over a real connection', () => {
  const LIMIT = 10 * 1024 * 1024;
  const SENT = 300 * 1024 * 1024;
  let base: string;
  let cookie: string;
  let strangerCookie: string;
  let caseId: string;
  let pulled = 0;

  /** A multipart body of a PDF of `size` bytes, counting how much of it the connection has taken. */
  const body = (boundary: string, size: number) =>
    Readable.toWeb(
      Readable.from(
        (function* () {
          pulled = 0;
          yield Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nevidence\r\n`,
          );
          yield Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="فیلم دوربین.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
          );
          yield PDF_HEADER;
          for (let left = size - PDF_HEADER.length; left > 0; left -= CHUNK) {
            pulled += CHUNK;
            yield Buffer.alloc(Math.min(CHUNK, left));
          }
          yield Buffer.from(`\r\n--${boundary}--\r\n`);
        })(),
      ),
    );
  const post = (as: string, size: number) =>
    fetch(`${base}/api/cases/${caseId}/documents`, {
      method: 'POST',
      headers: { cookie: as, 'content-type': 'multipart/form-data; boundary=real-connection' },
      body: body('real-connection', size) as ReadableStream<Uint8Array>,
      duplex: 'half', // required by fetch for a streamed request body
    } as RequestInit);

  beforeAll(async () => {
    const { db } = await useTestDatabase();
    const { app } = await useTestApp(db, { config: { maxDocumentBytes: LIMIT } });
    const org = await makeOrganisation(db);
    const user = await makeUser(db, org.id, 'station.officer');
    cookie = await signIn(app, user.username);
    strangerCookie = await signIn(
      app,
      (await makeUser(db, (await makeOrganisation(db)).id, 'station.officer')).username,
    );
    caseId = (await makeDraftCase(db, { orgId: org.id, userId: user.id })).id;
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });

  it('stores an upload sent by a real HTTP client, its Persian file name intact', async () => {
    const res = await post(cookie, 5 * 1024 * 1024);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      name: 'فیلم دوربین.pdf',
      size: 5 * 1024 * 1024,
      mediaType: 'application/pdf',
    });
  });

  it('answers 413 while a too-large file is still being sent, instead of waiting for all of it', async () => {
    const res = await post(cookie, SENT);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('documents.too_large');
    expect(pulled).toBeLessThan(SENT / 3);
  });

  it('answers 404 for another station\u2019s case before reading the file', async () => {
    const res = await post(strangerCookie, SENT);
    expect(res.status).toBe(404);
    expect(pulled).toBeLessThan(SENT / 3);
  });
});
