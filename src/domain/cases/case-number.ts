import { toLatinDigits } from '../persian-text.js';

/**
 * Case numbers: `<Jalali year>/<sequence>`, the sequence counted per station and per year and
 * padded to six digits (`1405/000123`), so that numbers sort and read the same way on paper.
 */
export function formatCaseNumber(year: number, seq: number): string {
  return `${year}/${String(seq).padStart(6, '0')}`;
}

/** A case named by its number, optionally with the station's code: `KL-101:1405/000019`, or `1405/000019`. */
export interface CaseNumberReference {
  stationCode: string | null;
  caseNumber: string;
}

/**
 * Reads a case number as people write it — with the station's code before a colon or not, in any digits, the
 * sequence padded or not (`kl-101:۱۴۰۵/۱۹` → `{ stationCode: 'KL-101', caseNumber: '1405/000019' }`); null when
 * the text is not a case number (a case's id, for one).
 */
export function parseCaseNumberReference(input: string): CaseNumberReference | null {
  const match = /^(?:([A-Za-z0-9][A-Za-z0-9-]{1,31})\s*:\s*)?(\d{4})\/(\d{1,6})$/.exec(
    toLatinDigits(input.trim()),
  );
  if (!match) return null;
  const [, station, year, seq] = match;
  return {
    stationCode: station ? station.toUpperCase() : null,
    caseNumber: formatCaseNumber(Number(year), Number(seq)),
  };
}
