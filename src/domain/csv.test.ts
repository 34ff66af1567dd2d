import { describe, expect, it } from 'vitest';
import { CSV_BOM, toCsv } from './csv.js';

describe('writing CSV', () => {
  it('quotes fields with commas, quotes and line breaks, ends lines in CRLF, and keeps Persian as it is', () => {
    expect(
      toCsv(
        ['code', 'name'],
        [
          ['KL-1', 'کلانتری "۱", تهران'],
          ['PS-2', null],
          ['X', 'a\nb'],
        ],
      ),
    ).toBe('code,name\r\nKL-1,"کلانتری ""۱"", تهران"\r\nPS-2,\r\nX,"a\nb"\r\n');
  });

  it('has the UTF-8 byte order mark that makes Excel read Persian', () => {
    expect([...new TextEncoder().encode(CSV_BOM)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
