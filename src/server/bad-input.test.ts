import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../test/app.js';
import { useTestDatabase } from '../../test/db.js';
import { makeCase, makeStationUser } from '../../test/factories.js';
import { LINE_PATTERN, TEXT_PATTERN } from '../domain/text.js';
import type { App } from './platform/http/fastify-app.js';
import type { Db } from './db/client.js';

/** What a tester sends to break a text field: each must be refused, never stored or answered 500. */
const BAD = {
  nul: 'a\u0000b',
  loneHighSurrogate: 'a\uD800b',
  loneLowSurrogate: 'a\uDC00',
  nonCharacter: 'a\uFFFE',
  nonCharacterBlock: '\uFDD0',
  astralNonCharacter: 'a\u{10FFFF}',
  bell: 'a\u0007',
  escape: '\u001B[31m',
  c1: 'a\u0085',
};

type JsonSchema = {
  type?: string | string[];
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  schema?: JsonSchema;
  in?: string;
  name?: string;
};

const SHARED_PATTERNS = new Set([TEXT_PATTERN.source, LINE_PATTERN.source]);

/**
 * A pattern that can only match what it lists: anchored at both ends, with no `.`, negated class or
 * negated escape — so an identifier's own pattern (`^IR-\d{2}$`, a UUID) refuses NUL and the rest as well.
 */
function isClosedPattern(p: string): boolean {
  if (!p.startsWith('^') || !p.endsWith('$')) return false;
  const inner = p.slice(1, -1);
  if (/\[\^|\\[WSDP]/.test(inner)) return false;
  // A dot in a class is a dot; outside one it is any character.
  return !/(^|[^\\])\./.test(inner.replace(/\[(?:\\.|[^\]\\])*\]/g, 'X'));
}

/**
 * Strings checked elsewhere, before anything is stored: the compact JWS of a delivered message is opaque
 * here and refused by the receiver as `signature.malformed` unless it decodes and verifies.
 */
const CHECKED_ELSEWHERE = new Set(['POST /exchange/v1/messages body(application/json).jws']);

/** Every string schema reachable from `schema`, with its path, each with the patterns that guard it. */
function unguardedStrings(schema: JsonSchema, path: string, out: string[]): void {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.includes('string')) {
    const patterns = [schema.pattern, ...(schema.allOf ?? []).map((s) => s.pattern)].filter(
      (p): p is string => typeof p === 'string',
    );
    const guarded =
      schema.enum !== undefined ||
      schema.const !== undefined ||
      schema.format === 'binary' ||
      patterns.some((p) => SHARED_PATTERNS.has(p) || isClosedPattern(p));
    if (!guarded) out.push(path);
  }
  for (const [key, child] of Object.entries(schema.properties ?? {}))
    unguardedStrings(child, `${path}.${key}`, out);
  if (schema.items) unguardedStrings(schema.items, `${path}[]`, out);
  if (typeof schema.additionalProperties === 'object')
    unguardedStrings(schema.additionalProperties, `${path}.*`, out);
  for (const child of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) unguardedStrings(child, path, out);
}

describe('bad input answers 400 and is never stored', () => {
  let db: Db;
  let app: App;
  let cookie: string;
  let caseId: string;

  beforeAll(async () => {
    ({ db } = await useTestDatabase());
    ({ app } = await useTestApp(db));
    const { user, actor } = await makeStationUser(db);
    cookie = await signIn(app, user.username);
    caseId = (await makeCase(db, actor, { narrative: 'نخستین روایت' })).id;
  });

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const errorOf = (res: { json(): unknown }) =>
    (res.json() as { error: { code: string; message: string; issues?: { path: string; code: string }[] } })
      .error;

  it('leaves no text field of any request (body, query string, path) without the shared text rule', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: JsonSchema[];
            requestBody?: { content: Record<string, { schema: JsonSchema }> };
          }
        >
      >;
    };
    const unguarded: string[] = [];
    let strings = 0;
    for (const [url, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        for (const p of op.parameters ?? [])
          if (p.schema) {
            strings += p.schema.type === 'string' ? 1 : 0;
            unguardedStrings(p.schema, `${method.toUpperCase()} ${url} ${p.in}.${p.name}`, unguarded);
          }
        for (const [type, media] of Object.entries(op.requestBody?.content ?? {}))
          unguardedStrings(media.schema, `${method.toUpperCase()} ${url} body(${type})`, unguarded);
      }
    }
    expect(strings).toBeGreaterThan(10);
    expect(unguarded.filter((u) => !CHECKED_ELSEWHERE.has(u))).toEqual([]);
  });

  it.each(Object.entries(BAD))(
    'refuses %s in a draft case\u2019s narrative with validation.invalid_text naming the field, and keeps the text it had',
    async (_name, bad) => {
      const res = await call('PATCH', `/api/cases/${caseId}`, { narrative: bad });
      expect(res.statusCode).toBe(400);
      const error = errorOf(res);
      expect(error.code).toBe('validation.invalid_text');
      expect(error.issues).toContainEqual({ path: 'body.narrative', code: 'validation.invalid_text' });
      expect(error.message).toContain('body.narrative');
      const row = await db
        .selectFrom('cases')
        .select('narrative')
        .where('id', '=', caseId)
        .executeTakeFirst();
      expect(row?.narrative).toBe('نخستین روایت');
    },
  );

  it('keeps tab, line breaks, ZWNJ, Arabic letters and emoji in multi-line text exactly as typed', async () => {
    const narrative = 'سطر اول\r\n\tسطر دوم می\u200Cرود؛ يك 😀';
    const res = await call('PATCH', `/api/cases/${caseId}`, { narrative });
    expect(res.statusCode).toBe(200);
    expect(res.json().narrative).toBe(narrative);
  });

  it('refuses a line break in a one-line field (a name) but not in an address', async () => {
    const name = await call('POST', `/api/cases/${caseId}/parties`, {
      role: 'witness',
      firstName: 'علی\nرضا',
      lastName: 'رضایی',
    });
    expect(name.statusCode).toBe(400);
    expect(errorOf(name).issues).toContainEqual({ path: 'body.firstName', code: 'validation.invalid_text' });
    const address = await call('POST', `/api/cases/${caseId}/parties`, {
      role: 'witness',
      firstName: 'علی',
      lastName: 'رضایی',
      address: 'تهران\nخیابان آزادی',
    });
    expect(address.statusCode).toBe(201);
  });

  it('refuses NUL and a lone surrogate in the anonymous sign-in with 400, not 500', async () => {
    for (const username of [BAD.nul, BAD.loneHighSurrogate]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: 'whatever password' },
      });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).issues).toContainEqual({ path: 'body.username', code: 'validation.invalid_text' });
    }
  });

  it('refuses NUL in the anonymous tracking look-up\u2019s query string with 400, not 500', async () => {
    for (const query of ['code=AB%00CD&nationalId=0012345679', 'code=ABCD&nationalId=00%0012345679']) {
      const res = await app.inject({ method: 'GET', url: `/api/public/tracking?${query}` });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).code).toBe('validation.invalid_text');
    }
  });

  it('refuses NUL in the search words of the case list with 400, not 500', async () => {
    const res = await call('GET', '/api/cases?q=%D8%B9%D9%84%DB%8C%00');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).issues).toContainEqual({ path: 'querystring.q', code: 'validation.invalid_text' });
  });

  it('answers an empty crime category code with 400 validation.empty_code, not a foreign-key 500', async () => {
    const res = await call('POST', '/api/cases', { origin: 'complaint', crimeCategoryCode: '' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).issues).toContainEqual({
      path: 'body.crimeCategoryCode',
      code: 'validation.empty_code',
    });
    const county = await call('PATCH', `/api/cases/${caseId}`, { incidentCountyCode: '' });
    expect(county.statusCode).toBe(400);
  });

  it('answers an unknown crime category code with 400 naming the field', async () => {
    const res = await call('POST', '/api/cases', { origin: 'complaint', crimeCategoryCode: 'no-such-crime' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).issues).toContainEqual({ path: 'body.crimeCategoryCode', code: 'reference.unknown' });
    expect(errorOf(res).message).toContain('body.crimeCategoryCode');
  });
});
