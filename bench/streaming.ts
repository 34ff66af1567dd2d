import { createHash } from 'node:crypto';
import http from 'node:http';
import { Readable } from 'node:stream';
import { buildApp } from '../src/server/app.js';
import { signUploadToken } from '../src/server/modules/exchange/transport/upload-token.policy.js';
import type { BenchNode } from './bench-node.js';

export interface StreamingFigures {
  megabytes: number;
  mbPerSecond: number;
  rssBeforeMb: number;
  rssPeakMb: number;
}

const CHUNK = 1024 * 1024;

/** A deterministic stream of `mb` MiB: an MP4 `ftyp` box, then filler — generated, never held whole. */
function video(mb: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent === mb) return this.push(null);
      const chunk = Buffer.alloc(CHUNK, sent % 251);
      if (sent === 0) Buffer.from('\0\0\0\x18ftypisom\0\0\0\0isommp42').copy(chunk);
      sent++;
      this.push(chunk);
    },
  });
}

/**
 * Streams a large "video" to the node's own document endpoint over loopback HTTP (the path a peer's
 * upload takes: hashed while stored, never held in memory) and samples the process's RSS meanwhile.
 */
export async function measureStreaming(node: BenchNode, mb: number): Promise<StreamingFigures> {
  const hash = createHash('sha256');
  for await (const chunk of video(mb)) hash.update(chunk as Buffer);
  const sha256 = hash.digest('hex');
  const size = mb * CHUNK;
  const app = await buildApp(node.deps);
  const url = new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 25);
  const started = performance.now();
  const token = signUploadToken(node.deps.exchange.signer, { sha256, size, now: new Date() });
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(
      new URL(`/exchange/v1/blobs/${sha256}`, url),
      {
        method: 'PUT',
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': size,
          'x-casebridge-upload': token,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    video(mb).pipe(req);
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  await app.close();
  if (status !== 201 && status !== 200) throw new Error(`upload answered ${status}`);
  return {
    megabytes: mb,
    mbPerSecond: mb / seconds,
    rssBeforeMb: rssBefore / CHUNK,
    rssPeakMb: rssPeak / CHUNK,
  };
}
