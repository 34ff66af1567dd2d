import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { App } from './fastify-app.js';

/**
 * Serves the web UI's static build (`vite build` → `dist/web`) from the node itself: no CDN, the
 * node runs on a closed intranet. The build holds each text file also compressed (`.br`, `.gz`, made
 * once at build by vite.config.ts); the variant the browser accepts is sent (`Content-Encoding`,
 * `Vary: Accept-Encoding`). Hashed assets are cached for a year as immutable, everything else
 * revalidated. The UI routes with the URL's hash (`/#/cases/…`), so the page itself is only `/` and
 * `/index.html`: any other path is a 404 (not the app's page), `/favicon.ico` included (the page links
 * its icon, `favicon.svg`). Returns false (and registers nothing) when the folder has no `index.html`.
 */
export async function registerStaticWeb(app: App, webDir: string): Promise<boolean> {
  if (!existsSync(path.join(webDir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: webDir,
    // Routes per file, listed once at start: the build does not change under a running node, and a
    // path that is no file stays unrouted (404).
    wildcard: false,
    // The compressed variants are found beside each file, never served under their own names.
    preCompressed: true,
    globIgnore: ['**/*.br', '**/*.gz'],
    // Cache headers are set below, per kind of file.
    cacheControl: false,
    // An array: @fastify/static looks for a compressed index only through a list.
    index: ['index.html'],
    setHeaders(reply, filePath) {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return true;
}
