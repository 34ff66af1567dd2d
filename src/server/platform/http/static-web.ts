import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { App } from '../../app.js';

/**
 * Serves the web UI's static build (`vite build` → `dist/web`) from the node itself: no CDN, the
 * node runs on a closed intranet. Files are served as they are (hashed assets cached for a year,
 * everything else revalidated); any other GET outside `/api` answers `index.html`, so that the
 * single-page app's own routes (`/cases/…`) survive a reload. Unknown `/api` paths stay JSON 404s.
 * Returns false (and registers nothing) when the folder has no `index.html`.
 */
export async function registerStaticWeb(app: App, webDir: string): Promise<boolean> {
  if (!existsSync(path.join(webDir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: webDir,
    // Routes per file, listed once at start: the build does not change under a running node.
    wildcard: false,
    // Cache headers are set below, per kind of file.
    cacheControl: false,
    index: 'index.html',
    setHeaders(reply, filePath) {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      reply.header('x-content-type-options', 'nosniff');
    },
  });
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    if (pathname === '/api' || pathname.startsWith('/api/')) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  return true;
}
