import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** JSON only: documents, zips, streams and server-sent events pass untouched (and are mostly compressed). */
const COMPRESSIBLE = /^application\/(?:[\w.+-]+\+)?json(?:;|$)/;

/** Paths whose answers are never compressed: the node-to-node exchange (signed messages, blob streams). */
const NEVER_COMPRESSED = ['/exchange/'];

/**
 * Compresses JSON answers over 1 KB (brotli or gzip, as the client accepts; `Vary: Accept-Encoding`).
 * Nothing else: a document download (`text/plain` included), the exchange, server-sent events pass as
 * they are. The web UI's files are compressed once at build and served as they are (`static-web.ts`).
 * Request bodies are never decompressed (uploads are streamed as they come).
 * Registered before any route: @fastify/compress attaches itself to each route as it is added.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  // Runs before @fastify/compress's own onRoute hook, which honours `compress: false`.
  app.addHook('onRoute', (route) => {
    if (NEVER_COMPRESSED.some((prefix) => route.url.startsWith(prefix))) route.compress = false;
  });
  // @fastify/compress compresses every type mime-db calls compressible (`customTypes` only adds to
  // them), so its documented per-request opt-out is set for any answer that is not JSON. An app-level
  // onSend hook runs before the route-level one @fastify/compress adds.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!COMPRESSIBLE.test(String(reply.getHeader('content-type') ?? '')))
      request.headers['x-no-compression'] = 'not json';
    return payload;
  });
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    customTypes: COMPRESSIBLE,
  });
}
