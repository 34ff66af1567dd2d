import { normaliseIdentifier } from '../persian-text.js';

/**
 * The characters of a tracking code: digits and capitals without the ones people confuse
 * (0/O, 1/I/L). 31 symbols; nine of them carry 9 × log2(31) ≈ 44.6 bits.
 */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const TRACKING_CODE_LENGTH = 9;
const GROUP = 3;

/** `K7M4QX9TR` → `K7M-4QX-9TR`: groups of three, as printed on the receipt. */
export function formatTrackingCode(symbols: string): string {
  const groups: string[] = [];
  for (let i = 0; i < symbols.length; i += GROUP) groups.push(symbols.slice(i, i + GROUP));
  return groups.join('-');
}

/**
 * A tracking code as somebody typed it (any case, Persian digits, spaces or dashes anywhere) in its
 * printed form, or null if it cannot be one.
 */
export function normaliseTrackingCode(input: string): string | null {
  const symbols = normaliseIdentifier(input).toUpperCase();
  if (symbols.length !== TRACKING_CODE_LENGTH) return null;
  for (const ch of symbols) if (!TRACKING_ALPHABET.includes(ch)) return null;
  return formatTrackingCode(symbols);
}
