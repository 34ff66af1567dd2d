import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** JSON only: documents, zips, streams and server-sent events pass untouched (and are mostly compressed). */
const COMPRESSIBLE = /^application\/(?:[\w.+-]+\+)?json(?:;|$)/;

/** Paths whose answers are never compressed: the node-to-node exchange (signed messages, blob streams). */
const NEVER_COMPRESSED = ['/exchange/'];

/**
 * Compresses JSON answers over 1 KB (brotli or gzip, as the client accepts; `Vary: Accept-Encoding`).
 * The web UI's files are not compressed here: they are compressed once at build and served as they are
 * (see `static-web.ts`). Request bodies are never decompressed (uploads are streamed as they come).
 * Registered before any route: @fastify/compress attaches itself to each route as it is added.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  // Runs before @fastify/compress's own onRoute hook, which honours `compress: false`.
  app.addHook('onRoute', (route) => {
    if (NEVER_COMPRESSED.some((prefix) => route.url.startsWith(prefix))) route.compress = false;
  });
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    customTypes: COMPRESSIBLE,
  });
}
