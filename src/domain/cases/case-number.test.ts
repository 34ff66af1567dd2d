import { describe, expect, it } from 'vitest';
import { formatCaseNumber, parseCaseNumberReference } from './case-number.js';

describe('case numbers', () => {
  it('pads the sequence to six digits', () => {
    expect(formatCaseNumber(1405, 19)).toBe('1405/000019');
  });

  it('reads a number with or without the station\u2019s code, in any digits, padded or not', () => {
    expect(parseCaseNumberReference('KL-101:1405/000019')).toEqual({
      stationCode: 'KL-101',
      caseNumber: '1405/000019',
    });
    expect(parseCaseNumberReference(' kl-101 : ۱۴۰۵/۱۹ ')).toEqual({
      stationCode: 'KL-101',
      caseNumber: '1405/000019',
    });
    expect(parseCaseNumberReference('1405/000019')).toEqual({ stationCode: null, caseNumber: '1405/000019' });
  });

  it('is not a case number when it is an id or anything else', () => {
    for (const other of ['0193f5a2-7c1e-7d2a-9b3c-4d5e6f708192', 'no-such-case', '1405/0000190', 'KL-101:'])
      expect(parseCaseNumberReference(other), other).toBeNull();
  });
});
