import { describe, expect, it } from 'vitest';
import { MAX_FILE_NAME_LENGTH, safeFileName } from './file-name.js';

describe('making a user\u2019s file name safe to show', () => {
  it('keeps an ordinary name as it is', () => {
    expect(safeFileName('report-2024.pdf')).toBe('report-2024.pdf');
  });

  it('keeps a Persian name exactly as typed, zero-width non-joiner, Persian digits and Arabic letters included', () => {
    const name = 'گزارش\u200cهای بازجویی ۱۴۰۳ كيفرخواست.pdf';
    expect(safeFileName(name)).toBe(name);
  });

  it('drops the directory part of Unix and Windows paths', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\officer\\Desktop\\شکایت.pdf')).toBe('شکایت.pdf');
    expect(safeFileName('..\\..\\boot.ini')).toBe('boot.ini');
    expect(safeFileName('/var/data/')).toBe('document');
  });

  it('removes control characters, newlines included', () => {
    expect(safeFileName('re\u0000port\r\n.pdf')).toBe('report.pdf');
    expect(safeFileName('a\u001b[31mred\u007f\u0085.txt')).toBe('a[31mred.txt');
  });

  it('removes bidi overrides and isolates that would disguise the extension', () => {
    expect(safeFileName('invoice\u202egpj.exe')).toBe('invoicegpj.exe');
    for (const cp of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      expect(safeFileName(`a${String.fromCodePoint(cp)}b.pdf`)).toBe('ab.pdf');
    }
  });

  it('trims spaces at the ends', () => {
    expect(safeFileName('  scan.png \t')).toBe('scan.png');
  });

  it('answers `document` for a missing, empty or dot-only name', () => {
    for (const name of [undefined, null, '', '   ', '.', '..', '../', '\u202e\u0000'])
      expect(safeFileName(name)).toBe('document');
  });

  it('caps the length at 200 characters, keeping the extension and never cutting a character in two', () => {
    const long = `${'ب'.repeat(300)}.pdf`;
    const safe = safeFileName(long);
    expect(Array.from(safe)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(safe.endsWith('.pdf')).toBe(true);
    const emoji = safeFileName('📄'.repeat(250));
    expect(Array.from(emoji)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(emoji).toBe('📄'.repeat(MAX_FILE_NAME_LENGTH));
  });
});
