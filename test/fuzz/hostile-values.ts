import fc from 'fast-check';

/**
 * The values a hostile or careless client sends: text that breaks encodings and normalisation, numbers past
 * every limit, nesting deep enough to blow a recursive parser, and ids that are almost ids.
 */

const MB = 1024 * 1024;

/** Shared, so that a thousand samples of a megabyte string cost one megabyte. */
const HUGE = {
  latinMb: 'a'.repeat(MB),
  persianUnderMb: 'ی'.repeat(400_000), // 800 KB of UTF-8: under the body limit, over every field's maxLength
  digitsMb: '۱'.repeat(MB / 2),
};

/** Text that is valid JSON but troublesome for PostgreSQL, normalisation, bidi or the UI. */
export const hostileStrings: readonly string[] = [
  '',
  ' ',
  '\t\r\n',
  'a\u0000b',
  '\u0000',
  '\uD800',
  'x\uDC00y',
  '\uDBFF\uDFFF',
  '\uFFFE\uFFFF',
  '\uFDD0',
  '\u200F\u202Eعلی\u202C',
  '\u200E\u200C\u200D\uFEFF',
  'علي كريمي', // Arabic yeh and kaf
  'علی کریمی', // Persian yeh and keheh
  '۰۱۲۳۴۵۶۷۸۹', // Persian digits
  '٠١٢٣٤٥٦٧٨٩', // Arabic-Indic digits
  '۱۲٣4٥6',
  'مُحَمَّد',
  'ﷺ﷽',
  '🙂👨‍👩‍👧',
  "' OR 1=1 --",
  '"; drop table cases; --',
  '%_\\',
  '$1 $2',
  '../../etc/passwd',
  '%2e%2e%2f',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '1e309',
  'NaN',
  '-0',
  '__proto__',
  'constructor',
  'null',
  'true',
  '00000000-0000-0000-0000-000000000000',
  'IR-23',
  'IR-23-TEHRAN',
  'theft',
  '1405/T-1',
];

/** Strings of a megabyte or so: sent now and then only, as each costs the node real work to refuse. */
export const hugeStrings: readonly string[] = [HUGE.latinMb, HUGE.persianUnderMb, HUGE.digitsMb];

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** A hostile string: one of the list, random code units, or a mix of both. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 60, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 1, arbitrary: fc.constantFrom(...hugeStrings) },
  { weight: 30, arbitrary: fc.string({ unit: codeUnit, maxLength: 40 }) },
  { weight: 20, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 20,
    arbitrary: fc
      .array(fc.constantFrom(...hostileStrings), { minLength: 2, maxLength: 4 })
      .map((parts) => parts.join('')),
  },
);

/** Numbers at and past every limit (JSON cannot carry NaN or Infinity; see `hostileJsonTexts`). */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    1.5,
    2 ** 31,
    2 ** 31 - 1,
    -(2 ** 31),
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 63),
    2 ** 64,
    1e308,
    -1e308,
    5e-324,
    Number.MAX_SAFE_INTEGER,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/**
 * JSON nested `depth` levels deep (`[[[…]]]` or `{"a":{"a":…}}`), kept as a marker until the body is written
 * (`withNestedJson`), since building and walking such values would overflow this process's own stack.
 */
export class Nested {
  constructor(
    readonly shape: 'arrays' | 'objects',
    readonly depth: number,
  ) {}
  toJSON(): string {
    return `@@nested-${this.shape}-${this.depth}@@`;
  }
  text(): string {
    return this.shape === 'arrays'
      ? '['.repeat(this.depth) + ']'.repeat(this.depth)
      : '{"a":'.repeat(this.depth) + '{}' + '}'.repeat(this.depth);
  }
}

/** JSON text with each `Nested` marker replaced by the nesting it stands for. */
export function withNestedJson(json: string): string {
  return json.replace(
    /"@@nested-(arrays|objects)-(\d+)@@"/g,
    (_, shape: 'arrays' | 'objects', depth: string) => new Nested(shape, Number(depth)).text(),
  );
}

/** Any JSON value of a wrong kind for a field: text, number, boolean, null, arrays, objects, deep nesting. */
export const hostileJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(10, 1000, 20_000).map((d) => new Nested('arrays', d)) },
  { weight: 1, arbitrary: fc.constantFrom(10, 1000, 20_000).map((d) => new Nested('objects', d)) },
  { weight: 1, arbitrary: fc.constant(JSON.parse('{"__proto__":{"polluted":1}}') as unknown) },
);

/** Bodies that are not JSON at all, or JSON that `JSON.parse` turns into something odd. */
export const hostileJsonTexts: readonly string[] = [
  '',
  '{',
  '{"a":',
  '[1,2',
  '"\\ud800"',
  '{"username":"\\u0000","password":"\\udfff"}',
  '1e999',
  '{"page":1e999,"pageSize":-1e999}',
  'null',
  '[]',
  'true',
  '"text"',
  '{"a":1,"a":2}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '\uFEFF{}',
  '{}\u0000',
  '['.repeat(100_000) + ']'.repeat(100_000),
  '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000),
  `{"x":"${'\\u0000'.repeat(10_000)}"}`,
  `"${HUGE.latinMb}"`,
];

/** Path segments that are almost ids, or not segments at all. */
export const hostileSegments: readonly string[] = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-0000-0000-00000000000g',
  '0000000-0000-0000-0000-0000000000000',
  '123e4567-e89b-12d3-a456-426614174000',
  '123E4567-E89B-42D3-A456-426614174000',
  '{00000000-0000-4000-8000-000000000000}',
  '۱۲۳e4567-e89b-42d3-a456-426614174000',
  '%00',
  '%ED%A0%80',
  '%EF%BF%BF',
  '%E2%80%8F',
  '%',
  '%zz',
  '%2F',
  '..',
  '.',
  '%2e%2e',
  'a'.repeat(5000),
  '1',
  '-1',
  '99999999999999999999999',
  '1e309',
  'null',
  '__proto__',
  '%D9%8A%D9%83',
  '%DB%B1%DB%B2',
  "'%20OR%201=1",
];

/** Content types a body may come with, right and wrong. */
export const contentTypes: readonly (string | null)[] = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzz',
  'multipart/form-data',
  'application/octet-stream',
  'application/xml',
  'invalid',
  'application/json, text/plain',
  null,
];
