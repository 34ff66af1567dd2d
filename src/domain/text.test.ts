import { describe, expect, it } from 'vitest';
import { isValidLine, isValidText, line, text } from './text.js';

describe('the one rule for text', () => {
  it('keeps Persian, Arabic letters, ZWNJ, bidi marks, emoji and markup', () => {
    for (const ok of [
      'علی رضایی',
      'يك كتاب',
      'می\u200Cروم',
      '\u200F۱۴۰۵/۱۲',
      '😀👍🏽',
      '<b>"x" & \'y\'</b>',
      '',
    ])
      expect(isValidLine(ok), JSON.stringify(ok)).toBe(true);
  });

  it('lets multi-line text have tab, LF and CR, and a line none of them', () => {
    for (const ws of ['a\tb', 'a\nb', 'a\r\nb']) {
      expect(isValidText(ws)).toBe(true);
      expect(isValidLine(ws)).toBe(false);
    }
  });

  it('refuses NUL and the other controls, lone surrogates and non-characters everywhere', () => {
    const refused = [
      '\u0000',
      '\u0001',
      '\u0008',
      '\u000B',
      '\u000C',
      '\u001F',
      '\u007F',
      '\u0085',
      '\u009F',
      '\uD800',
      '\uDBFF',
      '\uDC00',
      'a\uDFFFb',
      '\uD83D', // the first half of an emoji alone
      '\uFDD0',
      '\uFDEF',
      '\uFFFE',
      '\uFFFF',
      '\u{1FFFE}',
      '\u{10FFFF}',
    ];
    for (const bad of refused) {
      expect(isValidText(`x${bad}y`), escape(bad)).toBe(false);
      expect(isValidLine(`x${bad}y`), escape(bad)).toBe(false);
    }
  });

  it('answers validation.invalid_text from the zod types, and still checks the length', () => {
    expect(text(10).safeParse('a\u0000').error?.issues[0]?.message).toBe('validation.invalid_text');
    expect(line(10).safeParse('a\nb').error?.issues[0]?.message).toBe('validation.invalid_text');
    expect(line(3).safeParse('abcd').success).toBe(false);
  });
});
