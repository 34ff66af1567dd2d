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

  it('accepts exactly one check digit for any nine leading digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (first9) => {
        fc.pre(!/^(\d)\1{8}$/.test(first9));
        const valid = [...'0123456789'].filter((d) => isValidNationalId(first9 + d));
        expect(valid).toEqual([String(nationalIdCheckDigit(first9))]);
      }),
    );
  });
});
