import { CSV_BOM, toCsv } from '../../domain/csv.js';

/**
 * Saves a table as a CSV file: UTF-8 with a byte order mark, so that Excel shows Persian as Persian; numbers in
 * Latin digits, so that a spreadsheet reads them as numbers.
 */
export function downloadCsv(
  fileName: string,
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): void {
  const blob = new Blob([CSV_BOM + toCsv(header, rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
