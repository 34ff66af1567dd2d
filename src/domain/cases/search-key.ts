import { normaliseIdentifier, searchKey } from '../persian-text.js';
import { formatCaseNumber } from './case-number.js';
import { normaliseTrackingCode } from './tracking-code.js';

/** What of a case is searchable: its numbers and its parties' names and identifiers. */
export interface SearchableCase {
  caseNumber: string;
  trackingCode: string | null;
  parties: {
    firstName: string;
    lastName: string;
    fatherName?: string | null;
    nationalId?: string | null;
    passportNumber?: string | null;
  }[];
}

/**
 * Persian letters → ASCII letters, for the trigram index only. PostgreSQL's pg_trgm takes its words
 * from the database's character classes, and under the `C` locale (the embedded server's, and a
 * common choice for production clusters) every non-ASCII letter is a separator: Persian text would
 * have no trigrams at all. Spelling the key in ASCII makes search work whatever the cluster's locale.
 * Letters that sound alike map to one letter (ث س ص, ذ ز ض ظ, ت ط, ح ه, غ ق), so the commonest
 * misspellings of names cost nothing; the key is never shown, so readability does not matter.
 */
const TRIGRAM_LETTERS: Readonly<Record<string, string>> = {
  ا: 'a',
  ب: 'b',
  پ: 'p',
  ت: 't',
  ط: 't',
  ث: 's',
  س: 's',
  ص: 's',
  ج: 'j',
  ژ: 'j',
  چ: 'c',
  ح: 'h',
  ه: 'h',
  خ: 'x',
  د: 'd',
  ذ: 'z',
  ز: 'z',
  ض: 'z',
  ظ: 'z',
  ر: 'r',
  ش: 'w',
  ع: 'e',
  ء: 'e',
  ئ: 'e',
  غ: 'q',
  ق: 'q',
  ف: 'f',
  ک: 'k',
  گ: 'g',
  ل: 'l',
  م: 'm',
  ن: 'n',
  و: 'v',
  ی: 'i',
};

/**
 * The trigram key of a text: `searchKey` (ي/ی, ك/ک, digits, ZWNJ, diacritics) and then Persian
 * letters spelt in ASCII. Applied to the stored key and to every query alike.
 */
export function trigramKey(text: string): string {
  let out = '';
  for (const ch of searchKey(text)) out += TRIGRAM_LETTERS[ch] ?? ch;
  return out;
}

/**
 * The normalised text a case is found by (trigram-indexed in `cases.search_key`). Rebuilt whenever
 * the case or its parties change; never shown to anybody. Queries go through `caseQuery`.
 * The tracking code is there both as printed and without dashes, as people type it either way.
 */
export function caseSearchKey(c: SearchableCase): string {
  const parts = [c.caseNumber, c.trackingCode ?? '', c.trackingCode?.replaceAll('-', '') ?? ''];
  for (const p of c.parties) {
    parts.push(
      `${p.firstName} ${p.lastName}`,
      p.fatherName ?? '',
      normaliseIdentifier(p.nationalId ?? ''),
      normaliseIdentifier(p.passportNumber ?? ''),
    );
  }
  return trigramKey(parts.filter(Boolean).join(' | '));
}

/**
 * A search as the database runs it. Identifiers are looked up exactly, each through its own B-tree:
 * a national ID (10 digits; a numeric passport number too), a case number, a tracking code (printed
 * form). Other digits are looked for inside the search key (part of a case number, a passport number).
 * Anything else is a name: `key` in the spelling of `caseSearchKey`, near misses counted.
 */
export type CaseQuery =
  | { kind: 'nationalId'; value: string }
  | { kind: 'caseNumber'; value: string }
  | { kind: 'trackingCode'; value: string }
  | { kind: 'digits'; key: string }
  | { kind: 'name'; key: string };

/**
 * A search query as `CaseQuery`, or null if it holds nothing to search for. Digits typed with separators
 * (`۰۴۹۹-۳۷۰۸۹۹`) are joined up, a case number may be typed unpadded (`1405/12` → `1405/000012`), a
 * tracking code in any case, with or without dashes. Anything else is a name, matched fuzzily.
 */
export function caseQuery(query: string): CaseQuery | null {
  const identifier = normaliseIdentifier(query);
  if (/^\d{10}$/.test(identifier)) return { kind: 'nationalId', value: identifier };
  if (/^\d+$/.test(identifier)) return { kind: 'digits', key: identifier };
  const caseNumber = /^(\d{4})\/(\d{1,6})$/.exec(identifier);
  if (caseNumber)
    return { kind: 'caseNumber', value: formatCaseNumber(Number(caseNumber[1]), Number(caseNumber[2])) };
  const trackingCode = normaliseTrackingCode(query);
  if (trackingCode) return { kind: 'trackingCode', value: trackingCode };
  const key = trigramKey(query);
  return key ? { kind: 'name', key } : null;
}
