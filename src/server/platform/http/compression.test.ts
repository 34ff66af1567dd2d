import { Readable } from 'node:stream';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeCase, makeStationUser } from '../../../../test/factories.js';
import type { App } from './fastify-app.js';
import { uploadDocument } from '../../modules/documents/documents.usecase.js';
import { systemClock } from '../clock.js';
import { registerCompression } from './compression.js';

describe('compression of the node’s answers', () => {
  let app: App;
  let cookie: string;
  let documentUrl: string;
  const text = 'گزارش مأمور: متهم در محل حاضر بود.\n'.repeat(200);

  const get = (url: string, acceptEncoding: string, as?: string) =>
    app.inject({
      method: 'GET',
      url,
      headers: { 'accept-encoding': acceptEncoding, ...(as ? { cookie: as } : {}) },
    });

  beforeAll(async () => {
    const { db } = await useTestDatabase();
    let blobs;
    ({ app, blobs } = await useTestApp(db));
    const { user, actor } = await makeStationUser(db);
    cookie = await signIn(app, user.username);
    const created = await makeCase(db, actor);
    const document = await uploadDocument({
      db,
      blobs,
      clock: systemClock,
      actor,
      caseId: created.id,
      maxBytes: 1024 * 1024,
      receive: async () => ({
        kind: 'report',
        fileName: 'report.txt',
        content: Readable.from([Buffer.from(text)]),
        wasTruncated: () => false,
      }),
    });
    documentUrl = `/api/cases/${created.id}/documents/${document.id}/content`;
  });

  it('sends JSON over 1 KB as brotli or gzip, as the client accepts, varying on Accept-Encoding', async () => {
    const plain = await get('/api/openapi.json', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);

    const br = await get('/api/openapi.json', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);

    const gz = await get('/api/openapi.json', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
  });

  it('leaves JSON under 1 KB as it is', async () => {
    const res = await get('/healthz', 'br, gzip');
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('never compresses a document download, even a text one that would shrink', async () => {
    const res = await get(documentUrl, 'br, gzip', cookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(text)));
    expect(res.body).toBe(text);
  });
});

describe('what compression leaves alone, on routes of each kind', () => {
  const big = { items: Array.from({ length: 200 }, (_, i) => ({ id: i, note: 'یادداشت' })) };
  const answers = async (url: string) => {
    const app = Fastify();
    await registerCompression(app);
    app.get('/exchange/v1/big', async () => big);
    app.get('/api/big', async () => big);
    app.get('/api/events', async (_request, reply) =>
      reply.type('text/event-stream').send(`data: ${JSON.stringify(big)}\n\n`),
    );
    const res = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip' } });
    await app.close();
    return res;
  };

  it('compresses a big JSON answer of the API, but not the same answer from the exchange between nodes', async () => {
    expect((await answers('/api/big')).headers['content-encoding']).toBe('br');
    const exchange = await answers('/exchange/v1/big');
    expect(exchange.headers['content-encoding']).toBeUndefined();
    expect(exchange.json()).toEqual(big);
  });

  it('never compresses server-sent events', async () => {
    const res = await answers('/api/events');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toContain('data: {');
  });
});
