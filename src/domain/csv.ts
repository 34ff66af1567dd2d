/**
 * Writing CSV (RFC 4180): a field with a comma, a quote or a line break is quoted, its quotes doubled; lines end
 * in CRLF. Shared by the CLI's plan file and the web's exports of every table, which start with a UTF-8 byte
 * order mark (`CSV_BOM`) so that Excel reads Persian as Persian.
 */
export const CSV_BOM = '\uFEFF';

function field(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV text: the header, then one line per row (no BOM: add `CSV_BOM` in front for a file Excel opens). */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
