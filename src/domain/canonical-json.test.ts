import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalize, canonicalizeToBytes } from './canonical-json.js';

const fixtures = new URL('../../test/fixtures/jcs/', import.meta.url);
const vectorNames = readdirSync(new URL('input/', fixtures))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

describe('canonicalize: the RFC 8785 reference vectors', () => {
  it('has the six reference vectors to check against', () => {
    expect(vectorNames).toEqual(['arrays', 'french', 'structures', 'unicode', 'values', 'weird']);
  });

  it.each(vectorNames)('canonicalises %s.json to exactly the bytes of the reference output', (name) => {
    const input: unknown = JSON.parse(readFileSync(new URL(`input/${name}.json`, fixtures), 'utf8'));
    const expected = readFileSync(new URL(`output/${name}.json`, fixtures));
    const expectedFromHex = Buffer.from(
      readFileSync(new URL(`outhex/${name}.txt`, fixtures), 'utf8').replace(/\s+/g, ''),
      'hex',
    );

    const bytes = canonicalizeToBytes(input);
    expect(Buffer.from(bytes).equals(expected)).toBe(true);
    expect(Buffer.from(bytes).equals(expectedFromHex)).toBe(true);
    expect(canonicalize(input)).toBe(expected.toString('utf8'));
  });
});

describe('canonicalize: numbers', () => {
  // RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text.
  const appendixB: [string, string][] = [
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ];

  it.each(appendixB)('writes the double with bits %s as %s', (bits, text) => {
    const n = Buffer.from(bits, 'hex').readDoubleBE(0);
    expect(canonicalize(n)).toBe(text);
  });

  it.each([NaN, Infinity, -Infinity])('refuses %s, which JSON cannot carry', (n) => {
    expect(() => canonicalize(n)).toThrow(CanonicalJsonError);
    expect(() => canonicalize({ a: [n] })).toThrow(CanonicalJsonError);
  });
});

describe('canonicalize: strings and structure', () => {
  it('escapes control characters the way JSON.stringify does, with lower-case hex', () => {
    expect(canonicalize('\u0000\u0008\t\n\u000b\f\r\u001f"\\/\u007f\u2028')).toBe(
      '"\\u0000\\b\\t\\n\\u000b\\f\\r\\u001f\\"\\\\/\u007f\u2028"',
    );
  });

  it('keeps Persian text as written, without normalising it', () => {
    // U+0646 (ن) sorts before U+06CC (ی); Arabic yeh U+064A is kept, ZWNJ U+200C is kept.
    expect(canonicalize({ ی: 'ي', نام: 'علي\u200cرضا' })).toBe('{"نام":"علي\u200cرضا","ی":"ي"}');
  });

  it('sorts member names by UTF-16 code units, not by code points or locale', () => {
    // U+FB33 sorts after U+1F602 (surrogates D83D DE02) in UTF-16 order, before it in code point order.
    expect(canonicalize({ '\ufb33': 1, '\ud83d\ude02': 2, '\u00e9': 3, e: 4, E: 5 })).toBe(
      '{"E":5,"e":4,"\u00e9":3,"\ud83d\ude02":2,"\ufb33":1}',
    );
  });

  it('leaves out object members whose value is undefined', () => {
    expect(canonicalize({ b: undefined, a: 1 })).toBe('{"a":1}');
  });

  it('refuses undefined at the top and inside arrays, including the holes of sparse arrays', () => {
    expect(() => canonicalize(undefined)).toThrow(CanonicalJsonError);
    expect(() => canonicalize([1, undefined])).toThrow(CanonicalJsonError);
    // eslint-disable-next-line no-sparse-arrays -- the hole is what is being tested
    expect(() => canonicalize([1, , 2])).toThrow(CanonicalJsonError);
  });

  it('refuses strings with a lone surrogate, which are not I-JSON', () => {
    expect(() => canonicalize('\ud800')).toThrow(CanonicalJsonError);
    expect(() => canonicalize('a\udc00b')).toThrow(CanonicalJsonError);
    expect(() => canonicalize({ '\ud83d': 1 })).toThrow(CanonicalJsonError);
  });

  it('refuses values that only look like JSON: bigints, functions, symbols, dates, maps and cycles', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const v of [10n, () => 1, Symbol('s'), new Date(0), new Map(), cyclic, { a: [cyclic] }]) {
      expect(() => canonicalize(v)).toThrow(CanonicalJsonError);
    }
  });

  it('accepts the same object twice when it is shared but not cyclic', () => {
    const shared = { x: 1 };
    expect(canonicalize({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.b = 2;
    bare.a = 1;
    expect(canonicalize(bare)).toBe('{"a":1,"b":2}');
  });
});

describe('canonicalize: properties', () => {
  const json = fc.jsonValue();

  it('is idempotent: canonicalising the parse of canonical text gives the same text', () => {
    fc.assert(
      fc.property(json, (value) => {
        const once = canonicalize(value);
        expect(canonicalize(JSON.parse(once))).toBe(once);
      }),
    );
  });

  it('produces text that parses back to the same JSON value', () => {
    fc.assert(
      fc.property(json, (value) => {
        // JSON.stringify is the reference for the value (it also turns -0 into 0).
        expect(JSON.parse(canonicalize(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('does not depend on the order in which object members were inserted', () => {
    const entries = fc.uniqueArray(fc.tuple(fc.string({ unit: 'binary' }), json), {
      selector: ([key]) => key,
      maxLength: 12,
    });
    fc.assert(
      fc.property(entries, fc.infiniteStream(fc.nat()), (pairs, seeds) => {
        const shuffled = pairs
          .map((pair) => ({ pair, order: seeds.next().value }))
          .sort((a, b) => a.order - b.order)
          .map(({ pair }) => pair);
        expect(canonicalize(Object.fromEntries(shuffled))).toBe(canonicalize(Object.fromEntries(pairs)));
        expect(canonicalize(Object.fromEntries([...pairs].reverse()))).toBe(
          canonicalize(Object.fromEntries(pairs)),
        );
      }),
    );
  });

  it('contains no whitespace outside strings', () => {
    fc.assert(
      fc.property(json, (value) => {
        const outsideStrings = canonicalize(value).replace(/"(?:[^"\\]|\\.)*"/g, '""');
        expect(outsideStrings).not.toMatch(/\s/);
      }),
    );
  });
});
