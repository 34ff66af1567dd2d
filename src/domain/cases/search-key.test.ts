import { describe, expect, it } from 'vitest';
import { caseQuery, caseSearchKey, trigramKey } from './search-key.js';

describe('the trigram search key', () => {
  it('is plain ASCII, so pg_trgm finds words whatever the database locale', () => {
    expect(trigramKey('علی‌رضا كريمي ۱۲۳')).toMatch(/^[\x20-\x7e]+$/);
  });

  it('spells Arabic ي/ك, ZWNJ and Persian digits like their Persian and Latin forms', () => {
    expect(trigramKey('علي كريمي')).toBe(trigramKey('علی کریمی'));
    expect(trigramKey('علی‌رضا')).toBe(trigramKey('علی رضا'));
    expect(trigramKey('۰۰۱۲')).toBe('0012');
  });

  it('holds a case number, the tracking code with and without dashes, names and identifiers', () => {
    const key = caseSearchKey({
      caseNumber: '1405/000007',
      trackingCode: 'K7M-4QX-9TR',
      parties: [{ firstName: 'مریم', lastName: 'احمدی', nationalId: '۰۴۹۹۳۷۰۸۹۹' }],
    });
    for (const part of ['1405/000007', 'k7m-4qx-9tr', 'k7m4qx9tr', trigramKey('مریم احمدی'), '0499370899'])
      expect(key).toContain(part);
  });

  it('turns queries into the same spelling: identifiers joined up and exact, names transliterated and fuzzy', () => {
    expect(caseQuery('۰۴۹۹-۳۷۰۸۹۹')).toEqual({ kind: 'nationalId', value: '0499370899' });
    expect(caseQuery('۰۰۱۲')).toEqual({ kind: 'digits', key: '0012' });
    expect(caseQuery('۱۴۰۵/۱۲')).toEqual({ kind: 'caseNumber', value: '1405/000012' });
    expect(caseQuery('k7m 4qx 9tr')).toEqual({ kind: 'trackingCode', value: 'K7M-4QX-9TR' });
    expect(caseQuery('احمدي')).toEqual({ kind: 'name', key: trigramKey('احمدی') });
    expect(caseQuery(' \u200c ')).toBeNull();
  });
});
