/**
 * Persian text handling. What a person typed is stored and shown exactly as typed;
 * these functions only build *keys* (for search and for identifiers), never rewrite stored text.
 */

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';

/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits → Latin (0-9); everything else untouched. */
export function toLatinDigits(input: string): string {
  let out = '';
  for (const ch of input) {
    const p = PERSIAN_DIGITS.indexOf(ch);
    if (p >= 0) {
      out += String(p);
      continue;
    }
    const a = ARABIC_DIGITS.indexOf(ch);
    out += a >= 0 ? String(a) : ch;
  }
  return out;
}

/** Latin digits → Persian digits, for display. */
export function toPersianDigits(input: string | number): string {
  return String(input).replace(/[0-9]/g, (d) => PERSIAN_DIGITS[Number(d)] ?? d);
}

/**
 * Normalises an identifier typed in any digit set: digits to Latin, spaces, dashes and
 * directional marks removed. `'۰۰۱-۲۳۴ ٥'` → `'0012345'`.
 */
export function normaliseIdentifier(input: string): string {
  return toLatinDigits(input).replace(/[\s\-_\u200c\u200e\u200f\u202a-\u202e]|\u200d/g, '');
}

// Arabic harakat, tanwin, shadda, sukun, superscript alef, tatweel.
const DIACRITICS = /[\u064B-\u065F\u0670\u0640]/g;

/**
 * The search key of a text: ي ى → ی, ك → ک, ة → ه, أ إ آ → ا, ؤ → و, Persian/Arabic digits → Latin,
 * ZWNJ and other joiners → space, diacritics removed, whitespace collapsed, lower-cased.
 * Applied to both the stored key and the query, so that any spelling variant finds the others.
 */
export function searchKey(input: string): string {
  return toLatinDigits(input)
    .normalize('NFC')
    .replace(DIACRITICS, '')
    .replace(/[يى]/g, 'ی')
    .replace(/ك/g, 'ک')
    .replace(/ة/g, 'ه')
    .replace(/[أإٱ]/g, 'ا')
    .replace(/آ/g, 'ا')
    .replace(/ؤ/g, 'و')
    .replace(/[\u200c\u200e\u200f\u00a0]|\u200d/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
