import { describe, expect, it } from 'vitest';
import { errorStatus } from '../../domain/errors.js';
import { roles } from '../../domain/roles.js';
import { readinessCodes } from '../../domain/cases/readiness.schema.js';
import { documentKinds } from '../../domain/documents/documents.schema.js';
import { dictionaries, lookup, translate, type Dictionary } from './i18n.js';

function keysOf(dictionary: Dictionary, prefix = ''): string[] {
  return Object.entries(dictionary).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

describe('the dictionaries', () => {
  it('have the same keys in Persian and English', () => {
    expect(keysOf(dictionaries.en).sort()).toEqual(keysOf(dictionaries.fa).sort());
  });

  it('explain every error code the server can answer with', () => {
    for (const code of Object.keys(errorStatus)) {
      expect(lookup(dictionaries.fa, `errors.${code}`), code).toBeTypeOf('string');
      expect(lookup(dictionaries.en, `errors.${code}`), code).toBeTypeOf('string');
    }
  });

  it('name every role', () => {
    for (const role of roles) expect(lookup(dictionaries.fa, `roles.${role}`), role).toBeTypeOf('string');
  });

  it('say every missing readiness item as a sentence (the codes are keys)', () => {
    for (const code of readinessCodes) {
      expect(lookup(dictionaries.fa, code), code).toBeTypeOf('string');
      expect(lookup(dictionaries.en, code), code).toBeTypeOf('string');
    }
  });

  it('name every kind of document', () => {
    for (const kind of documentKinds)
      expect(lookup(dictionaries.fa, `documents.kinds.${kind}`), kind).toBeTypeOf('string');
  });

  it('have no empty texts', () => {
    for (const key of keysOf(dictionaries.fa)) expect(lookup(dictionaries.fa, key)?.trim(), key).not.toBe('');
  });
});

describe('translate', () => {
  it('writes number params in Persian digits in fa and Latin digits in en', () => {
    expect(translate('fa', 'common.pager.page', { page: 12 })).toBe('صفحهٔ ۱۲');
    expect(translate('en', 'common.pager.page', { page: 12 })).toBe('Page 12');
  });

  it('inserts string params exactly as given', () => {
    expect(translate('fa', 'cases.page.title', { caseNumber: 'A-12' })).toBe('پرونده A-12');
  });

  it('shows the key itself when a text is missing', () => {
    expect(translate('fa', 'no.such.key')).toBe('no.such.key');
  });
});
