import { z } from 'zod';

/**
 * One rule for every piece of text the system takes in — API bodies, query strings and path parameters,
 * message bodies, CLI arguments — so that nothing PostgreSQL cannot store (NUL) and nothing canonical JSON
 * cannot write (a lone surrogate) gets past the edge, and nothing invisible that no keyboard types either.
 *
 * Refused in every field:
 * - the C0 controls U+0000–U+001F, except tab, LF and CR in multi-line text (`text`); a one-line field
 *   (`line`: names, codes, numbers, search words) refuses those three too;
 * - DEL and the C1 controls U+007F–U+009F (no Persian or English text holds them; they come from broken
 *   encodings or from someone probing);
 * - lone surrogates U+D800–U+DFFF (a pair, i.e. an emoji, is one code point and is fine);
 * - the non-characters U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE …).
 * Everything else — Persian, Arabic ي/ك, ZWNJ and the other format characters, emoji — is kept as typed.
 */
const NON_CHARACTERS =
  '\\uFDD0-\\uFDEF\\uFFFE\\uFFFF' +
  Array.from({ length: 16 }, (_, i) => {
    const plane = (i + 1).toString(16).toUpperCase();
    return `\\u{${plane}FFFE}\\u{${plane}FFFF}`;
  }).join('');
const ALWAYS_REFUSED = `\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uD800-\\uDFFF${NON_CHARACTERS}`;

/** Multi-line text: tab, LF and CR allowed. */
export const TEXT_PATTERN = new RegExp(`^[^${ALWAYS_REFUSED}]*$`, 'u');
/** One line: no control character at all. */
export const LINE_PATTERN = new RegExp(`^[^\\u0009\\u000A\\u000D${ALWAYS_REFUSED}]*$`, 'u');

/** The code of a field whose text holds a character the rule above refuses. */
export const INVALID_TEXT = 'validation.invalid_text';

/** Is this acceptable multi-line text? */
export function isValidText(value: string): boolean {
  return TEXT_PATTERN.test(value);
}

/** Is this acceptable one-line text? */
export function isValidLine(value: string): boolean {
  return LINE_PATTERN.test(value);
}

/** Multi-line text up to `max` UTF-16 units (a narrative, a report, a note), stored as typed. */
export const text = (max: number) => z.string().max(max).regex(TEXT_PATTERN, { message: INVALID_TEXT });

/** One line of text up to `max` UTF-16 units (a name, a code, a number, search words), stored as typed. */
export const line = (max: number) => z.string().max(max).regex(LINE_PATTERN, { message: INVALID_TEXT });

/** A code from a list (a crime category, a county, an office): one line, not empty. */
export const code = (max: number) => line(max).min(1, { message: 'validation.empty_code' });

/**
 * Multi-line text of any length: for what arrives in a signed message, where the sender's own schema set the
 * length and the receiver only checks that every character is one this system can store and sign.
 */
export const anyText = z.string().regex(TEXT_PATTERN, { message: INVALID_TEXT });

/** The rule in words, for generated documentation (a field reference shows this instead of the pattern). */
export const TEXT_RULE_SUMMARY = {
  text: 'text: no NUL, no control character but tab, LF and CR, no lone surrogate, no non-character',
  line: 'one line: no NUL, no control character at all, no lone surrogate, no non-character',
} as const;
