import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseIdentifier, searchKey, toLatinDigits, toPersianDigits } from './persian-text.js';

describe('Persian text keys', () => {
  it('treats Arabic ي/ى and ك like Persian ی and ک', () => {
    expect(searchKey('علي كريمي')).toBe(searchKey('علی کریمی'));
    expect(searchKey('مصطفى')).toBe(searchKey('مصطفی'));
  });

  it('maps Persian and Arabic digits to Latin and back for display', () => {
    expect(toLatinDigits('۱۴۰۵/٠٩')).toBe('1405/09');
    expect(toPersianDigits('1405/09')).toBe('۱۴۰۵/۰۹');
  });

  it('treats ZWNJ as a space and removes diacritics', () => {
    expect(searchKey('می‌روم')).toBe(searchKey('می روم'));
    expect(searchKey('مُحَمَّد')).toBe(searchKey('محمد'));
  });

  it('strips separators from identifiers typed in any digits', () => {
    expect(normaliseIdentifier(' ۰۹۱۲-۳۴۵ ۶۷۸۹ ')).toBe('09123456789');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(searchKey(searchKey(s))).toBe(searchKey(s));
      }),
    );
  });
});
