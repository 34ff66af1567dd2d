/**
 * Case numbers: `<Jalali year>/<sequence>`, the sequence counted per station and per year and
 * padded to six digits (`1405/000123`), so that numbers sort and read the same way on paper.
 */
export function formatCaseNumber(year: number, seq: number): string {
  return `${year}/${String(seq).padStart(6, '0')}`;
}
