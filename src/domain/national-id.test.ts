import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidNationalId, nationalIdCheckDigit, normaliseNationalId } from './national-id.js';

describe('national ID (کد ملی)', () => {
  it('accepts known valid IDs and rejects one digit off', () => {
    expect(isValidNationalId('0499370899')).toBe(true);
    expect(isValidNationalId('0790419904')).toBe(true);
    expect(isValidNationalId('0499370898')).toBe(false);
  });

  it('accepts Persian and Arabic digits and separators, and stores Latin digits', () => {
    expect(isValidNationalId('۰۴۹۹۳۷۰۸۹۹')).toBe(true);
    expect(isValidNationalId('٠٤٩٩٣٧٠٨٩٩')).toBe(true);
    expect(normaliseNationalId('۰۴۹-۹۳۷۰۸۹-۹')).toBe('0499370899');
  });

  it('rejects wrong lengths, letters, and ten identical digits', () => {
    for (const bad of ['', '123', '04993708990', 'abcdefghij', '1111111111', '0000000000'])
      expect(isValidNationalId(bad)).toBe(false);
  });

  it('rejects an ID whose digits 4 to 9 are all zero, though its check digit fits (never issued)', () => {
    expect(nationalIdCheckDigit('123000000')).toBe(3);
    expect(isValidNationalId('1230000003')).toBe(false);
    expect(isValidNationalId('۱۲۳-۰۰۰۰۰۰-۳')).toBe(false);
    expect(isValidNationalId('1230000013')).toBe(false);
    expect(isValidNationalId(`123000001${nationalIdCheckDigit('123000001')}`)).toBe(true);
  });

  it('checks an ID typed with spaces, dashes or a no-break space the same as without them', () => {
    for (const typed of ['049 937 0899', '049-937089-9', '049\u00a0937\u00a00899', ' ۰۴۹۹۳۷۰۸۹۹ ']) {
      expect(isValidNationalId(typed)).toBe(true);
      expect(normaliseNationalId(typed)).toBe('0499370899');
    }
  });

  it('accepts exactly one check digit for any nine leading digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (first9) => {
        fc.pre(!/^(\d)\1{8}$/.test(first9) && !/^\d{3}0{6}$/.test(first9));
        const valid = [...'0123456789'].filter((d) => isValidNationalId(first9 + d));
        expect(valid).toEqual([String(nationalIdCheckDigit(first9))]);
      }),
    );
  });
});
