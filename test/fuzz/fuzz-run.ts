import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import type { Role } from '../../src/domain/roles.js';
import { deliverAll, makeUser, TEST_PDF } from '../factories.js';
import {
  Known,
  requestArbitrary,
  type FuzzRequest,
  type MultipartSpec,
  type PoolName,
  poolNames,
} from './fuzz-requests.js';
import {
  makeOrganisationsAndUsers,
  playStory,
  signInAll,
  signInAs,
  type NodeUnderTest,
  type Sessions,
  type StoryIds,
} from './fuzz-world.js';
import { withNestedJson } from './hostile-values.js';
import { installWriteLog, lastWrite, tablesWrittenSince } from './write-log.js';
import { operationsOf, undocumentedOperations } from './openapi-operations.js';

/**
 * The API fuzzer: `requests` requests built from the node's own OpenAPI document (request `i` from seed
 * `seed + i`, so that any one can be replayed alone), sent with Fastify's `inject`, each checked for: no 5xx;
 * no stack trace, SQL or file path in the body; a refused request (4xx) leaves the business tables as they
 * were. Every `deliverEvery` requests the outbox is delivered (a fuzzed request may have queued a message).
 * After the run, the happy-path story is played again by new users: every normal operation still works.
 */

export interface Finding {
  kind: '5xx' | 'leak' | 'db-changed-by-refused-request' | 'unsendable' | 'delivery' | 'story';
  index: number;
  request: string;
  status?: number;
  body?: string;
  detail?: string;
}

export interface FuzzResult {
  seed: number;
  requests: number;
  statuses: Record<string, number>;
  /** How many answers of each status and error code (`400 request.invalid`). */
  codes: Record<string, number>;
  findings: Finding[];
  millis: number;
  /** Where the time went (ms): setting up the world, drawing requests, sending them, checking the write log, the story after. */
  timing: Record<string, number>;
}

/** What in a body gives away the inside of the node. */
const LEAKS: [string, RegExp][] = [
  ['stack trace', /\n\s+at \S|\bat (?:async )?[\w$.<>]+ \([^)]*:\d+:\d+\)/],
  ['file path', /(?:\/work\/|\/home\/|\/tmp\/|\/src\/server\/|node_modules|file:\/\/|\.(?:ts|mjs|cjs):\d+)/],
  [
    'SQL',
    /syntax error at or near|violates \w[\w-]* constraint|invalid input syntax for|relation "\w+"|column "\w+"|duplicate key value|current transaction is aborted|invalid byte sequence for encoding|unsupported Unicode escape|null character not permitted|out of range for type|value too long for type|\binsert into "?\w|\bselect .{0,200}\bfrom "\w/i,
  ],
];

/** The error code of an error answer, and the first issue's path and code when it has issues. */
function errorCodeOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as {
      error?: { code?: string; issues?: { path: string; code: string }[] };
    };
    const issue = parsed.error?.issues?.[0];
    return `${parsed.error?.code ?? '?'}${issue ? ` ${issue.path}:${issue.code}` : ''}`;
  } catch {
    return '(not JSON)';
  }
}

/** The first frames of the stack of an error the node logged. */
function stackOf(line: string): string {
  try {
    const entry = JSON.parse(line) as { err?: { stack?: string } };
    return (entry.err?.stack ?? line).split('\n').slice(0, 8).join('\n      ');
  } catch {
    return line;
  }
}

/** Operations that write when they refuse, on purpose. */
const WRITES_WHEN_REFUSED = new Set([
  '/api/auth/login', // the failed attempt is audited and counted towards a lock
  '/api/public/tracking', // every look-up is audited with its outcome
  '/exchange/v1/messages', // a refused message is kept as evidence (refused_messages, evidence log)
]);

/** Pools of real ids, from the stories played on the node. */
type Pools = Record<PoolName, string[]>;

function mergePools(pools: Pools, ids: StoryIds): void {
  for (const [name, values] of Object.entries(ids) as [PoolName, string[]][]) pools[name].push(...values);
}

function resolve(value: unknown, pools: Pools): unknown {
  if (value instanceof Known) {
    const pool = pools[value.pool];
    return pool.length ? pool[value.index % pool.length] : crypto.randomUUID();
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, pools));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = resolve((value as Record<string, unknown>)[key], pools);
    return out;
  }
  return value;
}

/** `encodeURIComponent`, or a lone surrogate's bytes when the text holds one (which it cannot encode). */
function encode(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '')) + '%ED%A0%80';
  }
}

function multipartPayload(spec: MultipartSpec): { payload: Buffer; contentType: string } {
  const boundary = 'fuzz-boundary';
  const fieldParts = spec.fields.map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const filePart = spec.file
    ? Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${spec.file.field}"; filename="${spec.file.fileName}"\r\n` +
            (spec.file.contentType ? `Content-Type: ${spec.file.contentType}\r\n` : '') +
            '\r\n',
        ),
        spec.file.bytes === 'pdf'
          ? TEST_PDF
          : spec.file.bytes === 'text'
            ? Buffer.from('not a pdf\n')
            : Buffer.alloc(0),
        Buffer.from('\r\n'),
      ])
    : Buffer.alloc(0);
  const fields = Buffer.from(fieldParts.join(''));
  let payload = Buffer.concat([
    ...(spec.fileFirst ? [filePart, fields] : [fields, filePart]),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  if (spec.truncateAt !== null) payload = payload.subarray(0, spec.truncateAt);
  const declared = { declared: `; boundary=${boundary}`, other: '; boundary=something-else', missing: '' }[
    spec.boundary
  ];
  return { payload, contentType: `multipart/form-data${declared}` };
}

/** The request as `inject` options, with the pools' ids filled in. */
export function toInjectOptions(request: FuzzRequest, pools: Pools, sessions: Sessions): InjectOptions {
  const url =
    request.operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = request.path[name];
      if (value instanceof Known) return encode(resolve(value, pools));
      return value ?? '';
    }) +
    '?' +
    [
      ...request.query.map(([k, v]) => `${encode(k)}=${encode(resolve(v, pools))}`),
      ...(request.rawQuery ? [request.rawQuery] : []),
    ].join('&');
  const headers: Record<string, string> = {};
  const cookie = sessions.get(request.as);
  if (cookie) headers.cookie = cookie;
  let payload: string | Buffer | undefined;
  const body = request.body;
  if (body.kind === 'json') {
    payload = withNestedJson(JSON.stringify(resolve(body.value, pools)) ?? 'null');
    if (body.contentType) headers['content-type'] = body.contentType;
  } else if (body.kind === 'text') {
    payload = body.text;
    if (body.contentType) headers['content-type'] = body.contentType;
  } else if (body.kind === 'multipart') {
    const multipart = multipartPayload(body);
    payload = multipart.payload;
    headers['content-type'] = multipart.contentType;
  }
  return {
    method: request.operation.method,
    url: url.endsWith('?') ? url.slice(0, -1) : url,
    headers,
    ...(payload === undefined ? {} : { payload }),
  };
}

/** A short, printable account of a request (long values cut). */
export function describeRequest(options: InjectOptions, as: string): string {
  const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}…(${s.length} chars)` : s);
  const payload = options.payload;
  const text =
    payload === undefined
      ? ''
      : Buffer.isBuffer(payload)
        ? payload.toString('latin1')
        : String(payload as string);
  const headers = options.headers as Record<string, string>;
  return `${options.method} ${cut(String(options.url))} as ${as} content-type=${headers['content-type'] ?? '(none)'} body=${JSON.stringify(cut(text))}`;
}

const CHUNK = 100;

/**
 * The request of index `i` of a run with this seed: requests are drawn a hundred at a time, chunk `c` from
 * seed `seed + c`, so that any one can be drawn again alone (`--only i`) without drawing the run before it.
 */
export function nthRequest(
  arbitrary: fc.Arbitrary<FuzzRequest>,
  seed: number,
  index: number,
  cache: Map<number, FuzzRequest[]> = new Map(),
): FuzzRequest {
  const chunk = Math.floor(index / CHUNK);
  let drawn = cache.get(chunk);
  if (!drawn) {
    cache.clear();
    drawn = fc.sample(arbitrary, { seed: (seed + chunk) | 0, numRuns: CHUNK });
    cache.set(chunk, drawn);
  }
  return drawn[index % CHUNK]!;
}

/** Sets up the world on the node, fuzzes it, and plays the story again; returns what it found. */
export async function runFuzz(
  node: NodeUnderTest,
  options: {
    seed: number;
    requests: number;
    deliverEvery?: number;
    only?: number;
    progress?: (done: number, findings: number) => void;
  },
): Promise<FuzzResult> {
  const started = Date.now();
  const { app, db } = node;
  const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as unknown;
  const operations = [...operationsOf(document), ...undocumentedOperations];
  const arbitrary = requestArbitrary(operations);

  const world = await makeOrganisationsAndUsers(db);
  const sessions = await signInAll(app, world.users);
  const pools = Object.fromEntries(poolNames.map((n) => [n, [] as string[]])) as Pools;
  mergePools(pools, await playStory(node, sessions, world.users));
  const orgs = [world.station, world.office, world.escortUnit, world.hq];
  mergePools(pools, { org: orgs.map((o) => o.id), orgCode: orgs.map((o) => o.code) });
  // Not one of the signed-in users: sign-ins of it may lock it, which is what they are for.
  const target = await makeUser(db, world.station.id, 'station.officer');
  mergePools(pools, { username: [target.username, 'admin', 'nobody'] });

  const findings: Finding[] = [];
  const statuses: Record<string, number> = {};
  const codes: Record<string, number> = {};
  await installWriteLog(db);
  let before = await lastWrite(db);
  const deliverEvery = options.deliverEvery ?? 250;
  const indices =
    options.only !== undefined ? [options.only] : Array.from({ length: options.requests }, (_, i) => i);

  const timing = { setup: Date.now() - started, generate: 0, inject: 0, check: 0, story: 0 };
  const drawn = new Map<number, FuzzRequest[]>();
  for (const index of indices) {
    const tg = performance.now();
    const request = nthRequest(arbitrary, options.seed, index, drawn);
    timing.generate += performance.now() - tg;
    const injected = toInjectOptions(request, pools, sessions);
    const described = () => describeRequest(injected, request.as);
    let res;
    const t0 = performance.now();
    try {
      res = await app.inject(injected);
      timing.inject += performance.now() - t0;
    } catch (error) {
      // light-my-request refused to build the request (a header it cannot send): not the node's doing.
      findings.push({ kind: 'unsendable', index, request: described(), detail: String(error) });
      continue;
    }
    const status = res.statusCode;
    statuses[`${Math.floor(status / 100)}xx`] = (statuses[`${Math.floor(status / 100)}xx`] ?? 0) + 1;
    statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
    const body = res.body;
    const code = status >= 400 ? errorCodeOf(body) : '';
    codes[`${status} ${code}`] = (codes[`${status} ${code}`] ?? 0) + 1;
    const logged = node.errors?.splice(0) ?? [];
    if (status >= 500)
      findings.push({
        kind: '5xx',
        index,
        request: described(),
        status,
        body: body.slice(0, 500),
        detail: logged.map(stackOf).join('\n    '),
      });
    if (request.operation.path !== '/api/openapi.json')
      for (const [what, pattern] of LEAKS)
        if (pattern.test(body))
          findings.push({
            kind: 'leak',
            index,
            request: described(),
            status,
            body: body.slice(0, 500),
            detail: what,
          });

    const t1 = performance.now();
    const after = await lastWrite(db);
    timing.check += performance.now() - t1;
    if (status >= 400 && !WRITES_WHEN_REFUSED.has(request.operation.path)) {
      if (after !== before)
        findings.push({
          kind: 'db-changed-by-refused-request',
          index,
          request: described(),
          status,
          body: body.slice(0, 300),
          detail: `wrote to ${(await tablesWrittenSince(db, before)).join(', ')}`,
        });
    }
    before = after;

    // A session the fuzzer ended is started again, so that the role keeps being fuzzed.
    if (request.operation.path === '/api/auth/logout' && status < 300 && request.as !== 'anonymous') {
      sessions.set(request.as, await signInAs(app, world.users[request.as as Role].username));
      before = await lastWrite(db);
    }
    if ((index + 1) % deliverEvery === 0) {
      try {
        await deliverAll(node);
      } catch (error) {
        findings.push({ kind: 'delivery', index, request: '(outbox delivery)', detail: String(error) });
      }
      before = await lastWrite(db);
    }
    if ((index + 1) % 500 === 0) options.progress?.(index + 1, findings.length);
  }

  const storyStarted = Date.now();
  try {
    const fresh = await makeOrganisationsAndUsers(db);
    await playStory(node, await signInAll(app, fresh.users), fresh.users);
  } catch (error) {
    findings.push({
      kind: 'story',
      index: -1,
      request: '(happy-path story after the run)',
      detail: String(error),
    });
  }
  timing.story = Date.now() - storyStarted;
  return {
    timing: Object.fromEntries(Object.entries(timing).map(([k, v]) => [k, Math.round(v)])),
    seed: options.seed,
    requests: indices.length,
    statuses,
    codes,
    findings,
    millis: Date.now() - started,
  };
}

/** Findings, one block each, for a person to read. */
export function formatFindings(result: FuzzResult): string {
  const lines = [
    `fuzz: seed ${result.seed}, ${result.requests} requests in ${(result.millis / 1000).toFixed(1)} s; ` +
      `statuses ${JSON.stringify(result.statuses)}; ${result.findings.length} findings; timing (ms) ${JSON.stringify(result.timing)}`,
  ];
  const codes = Object.entries(result.codes).sort((a, b) => b[1] - a[1]);
  lines.push(`answers, most frequent first: ${codes.map(([c, n]) => `${n}× ${c}`).join('; ')}`);
  for (const f of result.findings)
    lines.push(
      `- [${f.kind}] #${f.index} ${f.request}` +
        (f.status ? `\n    → ${f.status} ${f.body ?? ''}` : '') +
        (f.detail ? `\n    ${f.detail}` : ''),
    );
  return lines.join('\n');
}
