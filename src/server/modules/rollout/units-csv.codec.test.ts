import { describe, expect, it } from 'vitest';
import { readUnitsCsv, resolveProvince } from './units-csv.codec.js';

const HEADER = 'code,name_fa,province,county,kind,thefts,visits';
const csv = (...lines: string[]) => new TextEncoder().encode(lines.join('\n') + '\n');
const issuesOf = (bytes: Uint8Array) => {
  const reading = readUnitsCsv(bytes);
  if (reading.ok) throw new Error('expected the file to be refused');
  return reading.issues.map((i) => [i.line, i.field, i.code]);
};

describe('reading the units register CSV', () => {
  it('reads Persian names, province codes or names, any digits, and a BOM', () => {
    const reading = readUnitsCsv(
      csv(
        `\uFEFF${HEADER}`,
        'KL-101,کلانتری ۱۰۱ تجریش,IR-23,شمیرانات,station,۱۲۳۴,5000',
        '"PS-7","پاسگاه ""۷"", جاده",فارس,شیراز,post,0,12',
        'PS-8,پاسگاه ۸,كرمان,كرمان,POST,7,1',
      ),
    );
    expect(reading).toEqual({
      ok: true,
      units: [
        {
          code: 'KL-101',
          nameFa: 'کلانتری ۱۰۱ تجریش',
          province: 'IR-23',
          county: 'شمیرانات',
          kind: 'station',
          thefts: 1234,
          visits: 5000,
          otherCrimes: null,
          filesOpened: null,
        },
        {
          code: 'PS-7',
          nameFa: 'پاسگاه "۷", جاده',
          province: 'IR-07',
          county: 'شیراز',
          kind: 'post',
          thefts: 0,
          visits: 12,
          otherCrimes: null,
          filesOpened: null,
        },
        {
          code: 'PS-8',
          nameFa: 'پاسگاه ۸',
          province: 'IR-08',
          county: 'كرمان',
          kind: 'post',
          thefts: 7,
          visits: 1,
          otherCrimes: null,
          filesOpened: null,
        },
      ],
    });
    expect(resolveProvince('Tehran')).toBe('IR-23');
  });

  it('names a missing column on line 1', () => {
    expect(issuesOf(csv('code,name_fa,province,county,kind,thefts', 'A,الف,IR-23,تهران,station,1'))).toEqual([
      [1, 'visits', 'units.csv.missing_column'],
    ]);
  });

  it('names a duplicate code on its second line, and a negative count, unknown province and bad kind on theirs', () => {
    expect(
      issuesOf(
        csv(
          HEADER,
          'A,الف,IR-23,تهران,station,1,2',
          'B,ب,IR-99,تهران,station,-3,2',
          'A,الف دو,IR-23,تهران,kalantari,1,x',
        ),
      ),
    ).toEqual([
      [3, 'province', 'units.csv.unknown_province'],
      [3, 'thefts', 'units.csv.negative_count'],
      [4, 'kind', 'units.csv.invalid_kind'],
      [4, 'visits', 'units.csv.invalid_count'],
      [4, 'code', 'units.csv.duplicate_code'],
    ]);
    expect(
      issuesOf(
        csv(
          HEADER,
          'A,الف,IR-23,تهران,station,1,2',
          'B,ب,IR-23,تهران,post,1,2',
          'A,الف,IR-23,تهران,station,1,2',
        ),
      ),
    ).toEqual([[4, 'code', 'units.csv.duplicate_code']]);
  });

  it('refuses a file that is not UTF-8, naming its first bad line', () => {
    const good = new TextEncoder().encode(`${HEADER}\nA,x,IR-23,t,station,1,2\n`);
    // "کلانتری" in Windows-1256.
    const cp1256 = Uint8Array.from([0x42, 0x2c, 0xdf, 0xe1, 0xc7, 0xe4, 0xca, 0xd1, 0xed, 0x2c, 0x49, 0x52]);
    const bytes = new Uint8Array([...good, ...cp1256, 0x0a]);
    const reading = readUnitsCsv(bytes);
    expect(reading.ok).toBe(false);
    if (!reading.ok) {
      expect(reading.issues).toHaveLength(1);
      expect(reading.issues[0]).toMatchObject({ line: 3, code: 'units.csv.not_utf8' });
      expect(reading.issues[0]?.message).toMatch(/line 3 is not UTF-8/);
    }
  });

  it('refuses rows of the wrong length, an unclosed quote, an empty file and a header alone', () => {
    expect(issuesOf(csv(HEADER, 'A,الف,IR-23,تهران,station,1'))).toEqual([[2, '', 'units.csv.column_count']]);
    expect(issuesOf(csv(HEADER, 'A,"الف,IR-23,تهران,station,1,2'))[0]?.[2]).toBe('units.csv.malformed');
    expect(issuesOf(csv())).toEqual([[1, '', 'units.csv.empty_file']]);
    expect(issuesOf(csv(HEADER))).toEqual([[2, '', 'units.csv.no_rows']]);
    expect(issuesOf(csv(`${HEADER},colour`, 'A,الف,IR-23,تهران,station,1,2,red'))).toEqual([
      [1, 'colour', 'units.csv.unknown_column'],
    ]);
  });
});
