import fc from 'fast-check';
import { roles, type Role } from '../../src/domain/roles.js';
import {
  contentTypes,
  hostileJsonTexts,
  hostileJsonValue,
  hostileNumber,
  hostileSegments,
  hostileString,
} from './hostile-values.js';
import type { JsonSchema, Operation } from './openapi-operations.js';

/**
 * fast-check arbitraries for whole requests to one operation of the API: who sends it, the path segments,
 * the query and the body — built from the operation's schemas (so that many get past validation and reach
 * the use cases), then bent: wrong types, missing and extra fields, hostile text, wrong content types,
 * truncated multipart. Requests are plain data (printable, replayable); ids of things that exist on the node
 * are `Known` references, resolved when the request is sent.
 */

/** The kinds of things the fuzz world holds ids of (see `fuzz-world.ts`). */
export const poolNames = [
  'case',
  'sentCase',
  'party',
  'custody',
  'document',
  'intake',
  'order',
  'escort',
  'org',
  'user',
  'sha256',
  'messageId',
  'username',
  'trackingCode',
  'nationalId',
  'orgCode',
] as const;
export type PoolName = (typeof poolNames)[number];

/** A reference to the `index`-th (modulo the pool's size) id of a pool of things that exist on the node. */
export class Known {
  constructor(
    readonly pool: PoolName,
    readonly index: number,
  ) {}
  toJSON(): string {
    return `<${this.pool}#${this.index}>`;
  }
}

/** Who sends a request: a signed-in user of a role, nobody, or a cookie that is no session. */
export type Identity = Role | 'anonymous' | 'forged-session';
export const identities: readonly Identity[] = [...roles, 'anonymous', 'forged-session'];

/** A multipart body, possibly malformed. */
export interface MultipartSpec {
  kind: 'multipart';
  fields: [string, string][];
  file: { field: string; fileName: string; contentType: string; bytes: 'pdf' | 'text' | 'empty' } | null;
  fileFirst: boolean;
  /** Cut the encoded body after this many bytes (a client that went away). */
  truncateAt: number | null;
  boundary: 'declared' | 'other' | 'missing';
}

export type BodySpec =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; contentType: string | null }
  | { kind: 'text'; text: string; contentType: string | null }
  | MultipartSpec;

/** One request, as data. */
export interface FuzzRequest {
  operation: Operation;
  as: Identity;
  path: Record<string, Known | string>;
  query: [string, unknown][];
  rawQuery: string;
  body: BodySpec;
}

const uuidPoolByName: Record<string, PoolName> = {
  partyId: 'party',
  custodyId: 'custody',
  documentId: 'document',
  documentIds: 'document',
  orderId: 'order',
  escortId: 'escort',
  orgId: 'org',
  stationId: 'org',
  prosecutorOfficeId: 'org',
  caseId: 'case',
  userId: 'user',
};

function poolForName(name: string, pathTemplate: string): PoolName | null {
  if (name === 'id') return pathTemplate.startsWith('/api/intake') ? 'intake' : 'case';
  if (name === 'sha256') return 'sha256';
  if (name === 'messageId' || name === 'resourceId') return 'messageId';
  if (name === 'username') return 'username';
  if (name === 'code' && pathTemplate.includes('tracking')) return 'trackingCode';
  if (name === 'nationalId') return 'nationalId';
  if (name === 'stationCode' || name === 'competentOfficeCode' || name === 'counterpart') return 'orgCode';
  return uuidPoolByName[name] ?? null;
}

const known = (pool: PoolName) => fc.nat({ max: 50 }).map((i) => new Known(pool, i));
const anyUuidPool = fc.constantFrom<PoolName>(
  'case',
  'party',
  'document',
  'intake',
  'order',
  'escort',
  'org',
);

const plausibleTexts = [
  'سرقت گوشی همراه در ایستگاه مترو',
  'شعبه ۲ دادیاری',
  'ستوان کریمی',
  'Tehran',
  '1405-ب-77',
];

function stringFor(schema: JsonSchema, name: string, pathTemplate: string): fc.Arbitrary<unknown> {
  const pool = poolForName(name, pathTemplate);
  if (schema.format === 'uuid')
    return fc.oneof(
      { weight: 5, arbitrary: pool ? known(pool) : anyUuidPool.chain(known) },
      { weight: 2, arbitrary: fc.uuid() },
    );
  if (schema.format === 'date-time')
    return fc.oneof(
      fc
        .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      fc
        .date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      fc.constantFrom('2026-02-29T00:00:00Z', '2026-12-31T23:59:59.999999999+03:30', '1970-01-01T00:00:00Z'),
    );
  const max = schema.maxLength ?? 200;
  const options: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(...plausibleTexts).map((t) => t.slice(0, max)),
    hostileString.map((s) => s.slice(0, max)),
  ];
  if (pool) options.push(known(pool), known(pool));
  if (schema.pattern) {
    try {
      options.push(fc.stringMatching(new RegExp(schema.pattern)).map((s) => s.slice(0, max)));
    } catch {
      // a pattern JavaScript cannot read: the other options stand in for it
    }
  }
  if (name === 'jws') options.push(jwsLike);
  return fc.oneof(...options);
}

/** Three base64url parts, like a compact JWS, carrying hostile JSON. */
const jwsLike = fc
  .tuple(fc.jsonValue({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2 }), fc.uint8Array({ maxLength: 64 }))
  .map(([h, p, s]) =>
    [JSON.stringify(h), JSON.stringify(p)]
      .map((t) => Buffer.from(t).toString('base64url'))
      .concat(Buffer.from(s).toString('base64url'))
      .join('.'),
  );

/** A value the schema accepts (mostly): the starting point that mutations then bend. */
export function valueFor(
  schema: JsonSchema | undefined,
  name: string,
  pathTemplate: string,
): fc.Arbitrary<unknown> {
  if (!schema) return hostileJsonValue;
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => valueFor(s, name, pathTemplate)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -1000;
      const max = Math.min(schema.maximum ?? 1000, Math.max(min, 0) + 1000);
      return type === 'integer' ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
    }
    case 'string':
      return stringFor(schema, name, pathTemplate);
    case 'array':
      return fc.array(valueFor(schema.items, name, pathTemplate), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(properties).map(([key, s]) =>
        fc
          .tuple(fc.constant(key), valueFor(s, key, pathTemplate), fc.boolean())
          .map(([k, v, keep]) => (required.has(k) || keep ? [k, v] : null)),
      );
      return fc
        .tuple(...entries)
        .map((pairs) => Object.fromEntries(pairs.filter((p): p is [string, unknown] => p !== null)));
    }
    default:
      return hostileJsonValue;
  }
}

type Mutation = 'none' | 'drop-field' | 'extra-field' | 'wrong-field' | 'replace-all';

/** A schema-built value, bent by one mutation half of the time. */
export function bentValue(schema: JsonSchema | null, pathTemplate: string): fc.Arbitrary<unknown> {
  const base = schema ? valueFor(schema, 'body', pathTemplate) : hostileJsonValue;
  return fc
    .tuple(
      base,
      fc.constantFrom<Mutation>(
        ...([
          'none',
          'none',
          'none',
          'none',
          'drop-field',
          'extra-field',
          'wrong-field',
          'replace-all',
        ] as const),
      ),
      fc.nat(),
      hostileString,
      hostileJsonValue,
    )
    .map(([value, mutation, pick, key, wrong]) => {
      if (mutation === 'none') return value;
      if (mutation === 'replace-all' || value === null || typeof value !== 'object' || Array.isArray(value))
        return wrong;
      const object = { ...(value as Record<string, unknown>) };
      const keys = Object.keys(object);
      const target = keys.length ? keys[pick % keys.length]! : key;
      if (mutation === 'drop-field') delete object[target];
      else if (mutation === 'extra-field') object[key] = wrong;
      else object[target] = wrong;
      return object;
    });
}

function pathArbitrary(operation: Operation): fc.Arbitrary<Record<string, Known | string>> {
  const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const segment = (name: string) => {
    const pool = poolForName(name, operation.path);
    return fc.oneof(
      { weight: 5, arbitrary: pool ? known(pool) : fc.uuid() },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 3, arbitrary: fc.constantFrom(...hostileSegments) },
      { weight: 1, arbitrary: hostileString },
    );
  };
  return fc
    .tuple(...names.map(segment))
    .map((values) => Object.fromEntries(names.map((n, i) => [n, values[i]!])));
}

const rawQueries = [
  '',
  '',
  '',
  '',
  'page=1&page=2',
  'pageSize[]=1',
  'q=%',
  'q=%ED%A0%80',
  'q=%00',
  '__proto__[x]=1',
  'constructor=1',
  'a=1&'.repeat(2000),
  'page=1e309',
  'page=-1',
  'pageSize=99999999999999999999',
  'from=-1&to=99999999999999999999',
  'idx=۱',
];

function queryArbitrary(operation: Operation): fc.Arbitrary<[string, unknown][]> {
  const params = operation.parameters.filter((p) => p.in === 'query');
  const each = params.map((p) =>
    fc.oneof(
      { weight: 2, arbitrary: fc.constant(null) },
      {
        weight: 4,
        arbitrary: valueFor(p.schema, p.name, operation.path).map((v) => [p.name, v] as [string, unknown]),
      },
      { weight: 2, arbitrary: hostileJsonValue.map((v) => [p.name, v] as [string, unknown]) },
      { weight: 1, arbitrary: hostileNumber.map((v) => [p.name, v] as [string, unknown]) },
    ),
  );
  return fc.tuple(...each).map((pairs) => pairs.filter((p): p is [string, unknown] => p !== null));
}

const multipartArbitrary: fc.Arbitrary<MultipartSpec> = fc.record({
  kind: fc.constant('multipart' as const),
  fields: fc.oneof(
    fc.constant<[string, string][]>([['kind', 'complaint']]),
    fc.constant<[string, string][]>([['kind', 'evidence']]),
    fc.constant<[string, string][]>([]),
    fc.array(fc.tuple(fc.constantFrom('kind', 'file', 'x', 'kind'), hostileString), { maxLength: 12 }),
  ),
  file: fc.option(
    fc.record({
      field: fc.constantFrom('file', 'file', 'document', ''),
      fileName: fc.oneof(
        fc.constantFrom('شکوائیه.pdf', '../../x.pdf', 'a\u0000.pdf', '%22.pdf', ''),
        hostileString,
      ),
      contentType: fc.constantFrom(
        'application/pdf',
        'text/plain',
        'application/octet-stream',
        'image/png',
        '',
      ),
      bytes: fc.constantFrom<'pdf' | 'text' | 'empty'>('pdf', 'text', 'empty'),
    }),
    { freq: 4 },
  ),
  fileFirst: fc.boolean(),
  truncateAt: fc.option(fc.nat({ max: 400 }), { freq: 3 }),
  boundary: fc.constantFrom<MultipartSpec['boundary']>(
    'declared',
    'declared',
    'declared',
    'other',
    'missing',
  ),
});

function bodyArbitrary(operation: Operation): fc.Arbitrary<BodySpec> {
  const json = bentValue(operation.body.schema, operation.path);
  const jsonBody = fc
    .tuple(json, fc.constantFrom(...contentTypes), fc.nat({ max: 9 }))
    .map(([value, other, dice]): BodySpec => ({
      kind: 'json',
      value,
      contentType: dice < 7 ? 'application/json' : other,
    }));
  const textBody = fc
    .tuple(fc.oneof(fc.constantFrom(...hostileJsonTexts), hostileString), fc.constantFrom(...contentTypes))
    .map(([text, contentType]): BodySpec => ({ kind: 'text', text, contentType }));
  const none = fc.constant<BodySpec>({ kind: 'none' });
  switch (operation.body.mediaType) {
    case 'application/json':
      return fc.oneof(
        { weight: 7, arbitrary: jsonBody },
        { weight: 2, arbitrary: textBody },
        { weight: 1, arbitrary: none },
      );
    case 'multipart/form-data':
      return fc.oneof(
        { weight: 7, arbitrary: multipartArbitrary },
        { weight: 2, arbitrary: jsonBody },
        { weight: 1, arbitrary: none },
      );
    default:
      return fc.oneof(
        { weight: 8, arbitrary: none },
        { weight: 1, arbitrary: textBody },
        { weight: 1, arbitrary: jsonBody },
      );
  }
}

/** The roles an operation is meant for (by its path), so that half the requests get past authorisation. */
function meantFor(path: string): Role[] {
  if (/^\/api\/(cases|orders)/.test(path)) return ['station.officer', 'station.chief', 'prosecutor.judge'];
  if (path.startsWith('/api/intake')) return ['prosecutor.clerk', 'prosecutor.judge'];
  if (path.startsWith('/api/escorts')) return ['escort.officer', 'station.officer'];
  if (/^\/api\/(audit|figures)/.test(path)) return ['supervisor', 'admin'];
  return ['admin'];
}

/** Requests to any of the operations, by anyone. */
export function requestArbitrary(operations: Operation[]): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...operations).chain((operation) =>
    fc.record({
      operation: fc.constant(operation),
      as: fc.oneof(fc.constantFrom(...identities), fc.constantFrom<Identity>(...meantFor(operation.path))),
      path: pathArbitrary(operation),
      query: queryArbitrary(operation),
      rawQuery: fc.constantFrom(...rawQueries),
      body: bodyArbitrary(operation),
    }),
  );
}
