/**
 * The edges of the domain's rules that its other tests pass by: limits met exactly, error messages
 * that name where the fault is, anchors of identifier patterns, the characters a search key folds.
 */
import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalize } from './canonical-json.js';
import { mobileSchema, passportNumberSchema, addPartyBodySchema } from './cases/party.schema.js';
import { checkReadiness } from './cases/readiness.js';
import { caseQuery, caseSearchKey } from './cases/search-key.js';
import { MAX_FILE_NAME_LENGTH, safeFileName } from './documents/file-name.js';
import { AppError } from './errors.js';
import { uuidv7, uuidv7Time } from './messages/envelope.js';
import { isValidNationalId, nationalIdCheckDigit } from './national-id.js';
import { assertCan } from './permissions.js';
import { searchKey } from './persian-text.js';

const x = (n: number) => 'x'.repeat(n);

describe('a file name at the length limit', () => {
  it('keeps a name of exactly 200 characters whole, and shortens one of 201', () => {
    expect(MAX_FILE_NAME_LENGTH).toBe(200);
    expect(safeFileName(x(200))).toBe(x(200));
    expect(safeFileName(x(201))).toBe(x(200));
  });

  it('leaves a name within the limit as typed, spaces before its extension included', () => {
    expect(safeFileName('a .pdf')).toBe('a .pdf');
    expect(safeFileName(`${x(195)} .pdf`)).toBe(`${x(195)} .pdf`);
  });

  it('keeps the extension of a long name and cuts the stem', () => {
    expect(safeFileName(`${x(300)}.pdf`)).toBe(`${x(196)}.pdf`);
  });

  it('keeps an extension of up to 16 characters, dot included, and cuts a longer one like the stem', () => {
    const ext16 = `.${'e'.repeat(15)}`;
    expect(safeFileName(`${x(300)}${ext16}`)).toBe(`${x(184)}${ext16}`);
    const ext17 = `.${'e'.repeat(16)}`;
    expect(safeFileName(`${x(300)}${ext17}`)).toBe(x(200));
  });

  it('does not count a lone trailing dot as an extension', () => {
    expect(safeFileName(`${x(250)}.`)).toBe(x(200));
  });

  it('cuts a name whose "extension" is too long to keep from its start, dot and all', () => {
    expect(safeFileName(`${x(10)}.${'b'.repeat(250)}`)).toBe(`${x(10)}.${'b'.repeat(189)}`);
  });

  it('trims the spaces the cut leaves before the extension', () => {
    expect(safeFileName(`${x(195)}${' '.repeat(10)}${x(100)}.pdf`)).toBe(`${x(195)}.pdf`);
  });
});

describe('a case’s search key and queries', () => {
  it('holds every part once, in order, and nothing for what is missing', () => {
    const key = caseSearchKey({
      caseNumber: '1405/000012',
      trackingCode: null,
      parties: [
        { firstName: 'Ali', lastName: 'Rezaei', fatherName: null, nationalId: null, passportNumber: null },
      ],
    });
    expect(key).toBe('1405/000012 | ali rezaei');
  });

  it('holds a father’s name and both identifiers when they are known', () => {
    const key = caseSearchKey({
      caseNumber: '1405/000013',
      trackingCode: 'AB-12',
      parties: [
        {
          firstName: 'Sara',
          lastName: 'K',
          fatherName: 'Hasan',
          nationalId: '۰۰۱۲۳۴۵۶۷۹',
          passportNumber: 'p-99',
        },
      ],
    });
    expect(key).toBe('1405/000013 | ab-12 | ab12 | sara k | hasan | 0012345679 | p99');
  });

  it('takes a case number only whole: not inside longer text', () => {
    expect(caseQuery('1405/12')).toEqual({ kind: 'caseNumber', value: '1405/000012' });
    expect(caseQuery('x1405/12')?.kind).toBe('name');
    expect(caseQuery('1405/12x')?.kind).toBe('name');
  });
});

describe('canonical JSON’s refusals', () => {
  const messageOf = (value: unknown) => {
    try {
      canonicalize(value);
    } catch (error) {
      expect(error).toBeInstanceOf(CanonicalJsonError);
      expect((error as Error).name).toBe('CanonicalJsonError');
      return (error as Error).message;
    }
    throw new Error('expected a refusal');
  };

  it('names the path to what has no JSON form', () => {
    expect(messageOf({ a: [1, { b: () => 1 }] })).toBe('$.a[1].b: a function has no JSON form');
    expect(messageOf([1, undefined])).toBe('$[1]: undefined inside an array');
    expect(messageOf({ n: [Infinity] })).toBe('$.n[0]: Infinity is not a JSON number');
    expect(messageOf({ d: new Date(0) })).toBe('$.d: only plain objects and arrays can be canonicalised');
    expect(messageOf({ s: 'a\ud800' })).toBe('$.s: string contains a lone surrogate');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(messageOf(cyclic)).toBe('$.self: cyclic structure');
  });

  it('refuses a high surrogate followed by anything but a low one, and a lone low surrogate at the top of its range', () => {
    expect(messageOf('\ud800a')).toBe('$: string contains a lone surrogate');
    expect(messageOf('\udbff\ud800')).toBe('$: string contains a lone surrogate');
    expect(messageOf('\udfff')).toBe('$: string contains a lone surrogate');
    expect(canonicalize('\udbff\udfff')).toBe('"\udbff\udfff"');
  });
});

describe('the search spelling of Persian text', () => {
  it('folds Arabic letter forms to the Persian ones people type', () => {
    expect(searchKey('ةأإٱآؤ')).toBe('هاااا' + 'و');
  });

  it('collapses runs of white space to one space', () => {
    expect(searchKey('a \t\n b')).toBe('a b');
  });
});

describe('identifier patterns', () => {
  it('refuses ten identical digits as a national ID, but not nine with another', () => {
    expect(isValidNationalId('1111111111')).toBe(false);
    const nine = '111111112';
    expect(isValidNationalId(`${nine}${nationalIdCheckDigit(nine)}`)).toBe(true);
    // a valid ID that starts or ends with a run of ten would not exist; these are anchored both ways
    const id = `000000001${nationalIdCheckDigit('000000001')}`;
    expect(isValidNationalId(id)).toBe(true);
  });

  it('stores +98, 0098 and 98 mobile prefixes as 0, only before a whole mobile number', () => {
    expect(mobileSchema.parse('+989121234567')).toBe('09121234567');
    expect(mobileSchema.parse('00989121234567')).toBe('09121234567');
    expect(mobileSchema.parse('989121234567')).toBe('09121234567');
    expect(mobileSchema.safeParse('9891212345678').success).toBe(false);
    expect(mobileSchema.safeParse('x09121234567').success).toBe(false);
    expect(mobileSchema.safeParse('091212345678').success).toBe(false);
  });

  it('takes a passport number of 5 to 20 letters and digits, nothing around them', () => {
    expect(passportNumberSchema.parse('ab-12 345')).toBe('AB12345');
    expect(passportNumberSchema.safeParse('AB12345.').success).toBe(false);
    expect(passportNumberSchema.safeParse('.AB12345').success).toBe(false);
  });

  it('names the missing identity of a complainant', () => {
    const result = addPartyBodySchema.safeParse({
      role: 'complainant',
      firstName: 'Ali',
      lastName: 'Rezaei',
    });
    expect(result.error?.issues).toMatchObject([
      { code: 'custom', path: ['nationalId'], message: 'parties.identity_required' },
    ]);
  });
});

describe('ids, permissions and readiness at their edges', () => {
  it('makes UUID v7 ids from 0 up to the last 48-bit millisecond, and refuses outside', () => {
    expect(uuidv7Time(uuidv7({ now: 0 }))).toBe(0);
    expect(uuidv7Time(uuidv7({ now: 0xffff_ffff_ffff }))).toBe(0xffff_ffff_ffff);
    expect(() => uuidv7({ now: -1 })).toThrow('now must be Unix milliseconds that fit in 48 bits');
    expect(() => uuidv7({ now: 0x1_0000_0000_0000 })).toThrow(RangeError);
  });

  it('sets the version and variant bits whatever the random bytes', () => {
    for (let i = 0; i < 50; i++) {
      const id = uuidv7({ now: 1 });
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
    }
  });

  it('says which action was forbidden', () => {
    let thrown: unknown;
    try {
      assertCan({ userId: 'u', orgId: 'o', role: 'station.officer' }, 'organisation.manage');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: 'auth.forbidden', details: { action: 'organisation.manage' } });
  });

  it('wants a complaint document for a complaint, and only the complaint kind counts', () => {
    const complaint = {
      origin: 'complaint' as const,
      crimeCategoryCode: 'theft',
      narrative: 'روایت',
      accusedUnknown: true,
      parties: [{ id: 'p', role: 'complainant' as const }],
      custody: [],
    };
    const codes = (kinds: string[]) =>
      checkReadiness({ ...complaint, documents: kinds.map((kind) => ({ kind })) }, new Date()).missing.map(
        (m) => m.code,
      );
    expect(codes(['complaint'])).toEqual([]);
    expect(codes(['report'])).toEqual(['readiness.no_complaint_document']);
  });
});
