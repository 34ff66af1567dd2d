// `npm run bench -- --resumable [--mb 1024] [--cuts 4]`: one node process (documents on disk), one file of N MB sent
// three ways in the same run — the multipart upload, tus in one PATCH, and tus with the connection dropped at
// `cuts` even points and resumed from the server's offset each time — printing MB/s for each and the resumed
// upload's overhead over the single PATCH. Never part of npm test.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createDb } from '../src/server/db/client.js';
import { findFreePort } from '../test/free-port.js';
import { makeDraftCase, makeStationUser, TEST_PASSWORD } from '../test/factories.js';
import { scratchDatabases } from './scratch-databases.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const size = arg('mb', 1024) * 1024 * 1024;
const cuts = arg('cuts', 4);
const CHUNK = 1024 * 1024;

/** Bytes `from`..`to` of a PDF whose bytes after the header depend on `salt` (each run's file is new to the case). */
function* content(salt: number, from: number, to: number): Generator<Buffer> {
  const header = Buffer.from('%PDF-1.7\n');
  for (let at = from; at < to; at += CHUNK) {
    const chunk = Buffer.alloc(Math.min(CHUNK, to - at), (salt + Math.floor(at / CHUNK)) & 255);
    if (at < header.length) header.copy(chunk, 0, at);
    yield chunk;
  }
}

async function serve(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await findFreePort();
  const child = spawn(process.execPath, ['bin/casebridge.js', 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('listening on')) resolve();
    });
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

/** One request with a streamed body; `cutAfter` bytes of it sent, then the connection dropped. */
function request(
  url: string,
  options: {
    method: string;
    headers: Record<string, string>;
    body?: Iterable<Buffer>;
    length?: number;
    cutAfter?: number;
  },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = {
      ...options.headers,
      ...(options.length === undefined ? {} : { 'content-length': String(options.length) }),
    };
    const req = http.request(url, { method: options.method, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    if (!options.body) return void req.end();
    let sent = 0;
    const source = Readable.from(options.body);
    source.on('data', (chunk: Buffer) => {
      if (options.cutAfter !== undefined && sent + chunk.length >= options.cutAfter) {
        req.write(chunk.subarray(0, options.cutAfter - sent), () => setTimeout(() => req.destroy(), 20));
        source.destroy();
        req.on('error', () => resolve({ status: 0, headers: {}, body: '' }));
        return;
      }
      sent += chunk.length;
      if (!req.write(chunk)) {
        source.pause();
        req.once('drain', () => source.resume());
      }
    });
    source.on('end', () => req.end());
    req.on('error', options.cutAfter === undefined ? reject : () => undefined);
  });
}

const databases = await scratchDatabases(1, process.env.DATABASE_URL);
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'casebridge-bench-resumable-'));
const node = await serve({
  DATABASE_URL: databases.urls[0] ?? '',
  DATA_DIR: dataDir,
  DEMO: 'false',
  MAX_DOCUMENT_BYTES: String(size + 1),
});
const db = createDb(databases.urls[0] ?? '');
try {
  const { user, station } = await makeStationUser(db);
  const caseId = (await makeDraftCase(db, { orgId: station.id, userId: user.id })).id;
  const login = await fetch(`${node.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: node.url },
    body: JSON.stringify({ username: user.username, password: TEST_PASSWORD }),
  });
  const base = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '', origin: node.url };
  const timed = async (work: () => Promise<void>) => {
    const started = performance.now();
    await work();
    return (performance.now() - started) / 1000;
  };

  const multipart = await timed(async () => {
    const boundary = 'casebridge-bench';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nevidence\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.pdf"\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const res = await request(`${node.url}/api/cases/${caseId}/documents`, {
      method: 'POST',
      headers: { ...base, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: (function* () {
        yield head;
        yield* content(1, 0, size);
        yield tail;
      })(),
      length: head.length + size + tail.length,
    });
    if (res.status !== 201) throw new Error(`multipart: ${res.status} ${res.body}`);
  });

  const tus = (salt: number, cutPoints: number[]) => async () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const created = await request(`${node.url}/api/uploads`, {
      method: 'POST',
      headers: {
        ...base,
        'tus-resumable': '1.0.0',
        'upload-length': String(size),
        'upload-metadata': `target ${b64(`/api/cases/${caseId}/documents`)},kind ${b64('evidence')},filename ${b64('bench.pdf')}`,
      },
    });
    const location = `${node.url}${String(created.headers.location)}`;
    const patchHeaders = {
      ...base,
      'tus-resumable': '1.0.0',
      'content-type': 'application/offset+octet-stream',
    };
    let offset = 0;
    for (const cut of [...cutPoints, size]) {
      const last = cut === size;
      const res = await request(location, {
        method: 'PATCH',
        headers: { ...patchHeaders, 'upload-offset': String(offset) },
        body: content(salt, offset, size),
        length: size - offset,
        ...(last ? {} : { cutAfter: cut - offset }),
      });
      if (last && res.status !== 200) throw new Error(`tus: ${res.status} ${res.body}`);
      const head = await request(location, {
        method: 'HEAD',
        headers: { ...base, 'tus-resumable': '1.0.0' },
      });
      offset = last ? size : Number(head.headers['upload-offset']);
    }
  };
  const single = await timed(tus(2, []));
  const points = Array.from({ length: cuts }, (_, i) => Math.floor(((i + 1) * size) / (cuts + 1)));
  const resumed = await timed(tus(3, points));

  const mb = size / 1024 / 1024;
  console.log(`${mb} MB, one node process, documents on disk (${databases.where}):`);
  console.log(`  multipart upload:          ${(mb / multipart).toFixed(1)} MB/s (${multipart.toFixed(1)} s)`);
  console.log(`  tus, one PATCH:            ${(mb / single).toFixed(1)} MB/s (${single.toFixed(1)} s)`);
  console.log(
    `  tus, ${cuts} cuts, resumed:     ${(mb / resumed).toFixed(1)} MB/s (${resumed.toFixed(1)} s)`,
  );
  console.log(`  resumed over one PATCH:    ${(((resumed - single) / single) * 100).toFixed(1)} %`);
} finally {
  node.child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await db.destroy();
  await databases.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
}
