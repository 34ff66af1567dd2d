import { parse } from 'csv-parse/sync';
import { searchKey, toLatinDigits } from '../../../domain/persian-text.js';
import {
  registerUnitSchema,
  UNIT_CSV_COLUMNS,
  UNIT_CSV_OPTIONAL_COLUMNS,
  unitKinds,
  type CsvIssue,
  type RegisterUnit,
} from '../../../domain/rollout/units.schema.js';
import { isValidLine } from '../../../domain/text.js';
import { provinces } from '../../db/reference/provinces.js';

/** The most issues one reading reports: enough to fix a file, bounded for a file that is wrong throughout. */
export const MAX_CSV_ISSUES = 200;

export type UnitsCsvReading = { ok: true; units: RegisterUnit[] } | { ok: false; issues: CsvIssue[] };

const issue = (line: number, field: string, code: string, message: string): CsvIssue => ({
  line,
  field,
  code,
  message,
});

/**
 * Decodes strict UTF-8 (a leading BOM allowed). A file in another encoding (Windows-1256, UTF-16) would
 * otherwise turn Persian names into garbage silently; its first bad line is named instead.
 */
function decodeUtf8(bytes: Uint8Array): { text: string } | { issue: CsvIssue } {
  const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  try {
    return { text: fatal.decode(bytes) };
  } catch {
    // 0x0A never occurs inside a multi-byte UTF-8 sequence, so each line can be tried on its own.
    let start = 0;
    let lineNumber = 1;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          fatal.decode(bytes.subarray(start, i));
        } catch {
          break;
        }
        start = i + 1;
        lineNumber++;
      }
    }
    return {
      issue: issue(
        lineNumber,
        '',
        'units.csv.not_utf8',
        `line ${lineNumber} is not UTF-8: save the file as UTF-8 (CSV UTF-8 in Excel)`,
      ),
    };
  }
}

const provinceByKey = new Map<string, string>();
for (const p of provinces) {
  provinceByKey.set(p.code.toLowerCase(), p.code);
  provinceByKey.set(searchKey(p.nameFa), p.code);
  provinceByKey.set(p.nameEn.toLowerCase(), p.code);
}

/** A province given by its code (IR-23) or its Persian or English name, in any spelling of ی and ک. */
export function resolveProvince(value: string): string | null {
  const trimmed = value.trim();
  return provinceByKey.get(trimmed.toLowerCase()) ?? provinceByKey.get(searchKey(trimmed)) ?? null;
}

function readCount(
  value: string | undefined,
  line: number,
  field: string,
  issues: CsvIssue[],
): number | null {
  const raw = toLatinDigits(value ?? '')
    .trim()
    .replace(/[,٬]/g, '');
  if (/^-\d+$/.test(raw)) {
    issues.push(
      issue(line, field, 'units.csv.negative_count', `line ${line}, ${field}: a count cannot be negative`),
    );
    return null;
  }
  if (!/^\d{1,9}$/.test(raw)) {
    issues.push(
      issue(
        line,
        field,
        'units.csv.invalid_count',
        `line ${line}, ${field}: "${value ?? ''}" is not a whole number`,
      ),
    );
    return null;
  }
  return Number.parseInt(raw, 10);
}

function readText(value: string | undefined, line: number, field: string, max: number, issues: CsvIssue[]) {
  const text = (value ?? '').trim();
  if (text === '') issues.push(issue(line, field, 'units.csv.empty', `line ${line}, ${field}: empty`));
  else if (text.length > max || !isValidLine(text))
    issues.push(
      issue(
        line,
        field,
        'units.csv.invalid_text',
        `line ${line}, ${field}: too long or holds a control character`,
      ),
    );
  else return text;
  return null;
}

/** Reads the header: every required column present, no unknown one, none twice. */
function readHeader(header: readonly string[], issues: CsvIssue[]): Map<string, number> {
  const columns = new Map<string, number>();
  const allowed = new Set<string>([...UNIT_CSV_COLUMNS, ...UNIT_CSV_OPTIONAL_COLUMNS]);
  header.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!allowed.has(name))
      issues.push(issue(1, name, 'units.csv.unknown_column', `line 1: unknown column "${raw}"`));
    else if (columns.has(name))
      issues.push(issue(1, name, 'units.csv.duplicate_column', `line 1: column ${name} is there twice`));
    else columns.set(name, i);
  });
  for (const name of UNIT_CSV_COLUMNS)
    if (!columns.has(name))
      issues.push(issue(1, name, 'units.csv.missing_column', `line 1: the column ${name} is missing`));
  return columns;
}

function readRow(
  record: readonly string[],
  line: number,
  columns: ReadonlyMap<string, number>,
  issues: CsvIssue[],
): RegisterUnit | null {
  const before = issues.length;
  const cell = (name: string) => {
    const i = columns.get(name);
    return i === undefined ? undefined : record[i];
  };
  if (record.length !== columns.size) {
    issues.push(
      issue(
        line,
        '',
        'units.csv.column_count',
        `line ${line}: ${record.length} fields where the header has ${columns.size}`,
      ),
    );
    return null;
  }
  const code = readText(toLatinDigits(cell('code') ?? ''), line, 'code', 40, issues);
  if (code !== null && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(code))
    issues.push(
      issue(
        line,
        'code',
        'units.csv.invalid_code',
        `line ${line}, code: "${code}" — Latin letters, digits, . _ - only`,
      ),
    );
  const nameFa = readText(cell('name_fa'), line, 'name_fa', 200, issues);
  const provinceText = readText(cell('province'), line, 'province', 80, issues);
  const province = provinceText === null ? null : resolveProvince(provinceText);
  if (provinceText !== null && province === null)
    issues.push(
      issue(
        line,
        'province',
        'units.csv.unknown_province',
        `line ${line}, province: unknown province "${provinceText}"`,
      ),
    );
  const county = readText(cell('county'), line, 'county', 120, issues);
  const kind = (cell('kind') ?? '').trim().toLowerCase();
  if (!(unitKinds as readonly string[]).includes(kind))
    issues.push(
      issue(
        line,
        'kind',
        'units.csv.invalid_kind',
        `line ${line}, kind: "${cell('kind') ?? ''}" — station or post`,
      ),
    );
  const thefts = readCount(cell('thefts'), line, 'thefts', issues);
  const visits = readCount(cell('visits'), line, 'visits', issues);
  const optional = (name: string) => {
    const value = cell(name);
    return value === undefined || value.trim() === '' ? null : readCount(value, line, name, issues);
  };
  const otherCrimes = optional('other_crimes');
  const filesOpened = optional('files_opened');
  if (issues.length > before) return null;
  return registerUnitSchema.parse({
    code,
    nameFa,
    province,
    county,
    kind,
    thefts,
    visits,
    otherCrimes,
    filesOpened,
  });
}

/**
 * Reads a register CSV (`code,name_fa,province,county,kind,thefts,visits`, optionally `other_crimes`,
 * `files_opened`): strict UTF-8, every bad row reported with its line and field, a code given twice reported on
 * its second line. All or nothing: the units come back only when no row is bad.
 */
export function readUnitsCsv(bytes: Uint8Array): UnitsCsvReading {
  const decoded = decodeUtf8(bytes);
  if ('issue' in decoded) return { ok: false, issues: [decoded.issue] };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(decoded.text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    return {
      ok: false,
      issues: [
        issue(
          line,
          '',
          'units.csv.malformed',
          `line ${line}: ${(error as Error).message.replace(/^Invalid [^:]*: /, '')}`,
        ),
      ],
    };
  }
  const [header, ...rows] = records;
  if (!header)
    return { ok: false, issues: [issue(1, '', 'units.csv.empty_file', 'the file is empty: no header')] };
  const issues: CsvIssue[] = [];
  const columns = readHeader(header.record, issues);
  if (issues.length > 0) return { ok: false, issues };
  const units: RegisterUnit[] = [];
  const firstLine = new Map<string, number>();
  const codeColumn = columns.get('code') ?? 0;
  for (const { record, info } of rows) {
    if (issues.length >= MAX_CSV_ISSUES) break;
    const unit = readRow(record, info.lines, columns, issues);
    if (unit) units.push(unit);
    // A code given twice is told even when its first row has other faults.
    const code = toLatinDigits(record[codeColumn] ?? '').trim();
    if (code === '') continue;
    const seen = firstLine.get(code);
    if (seen !== undefined)
      issues.push(
        issue(
          info.lines,
          'code',
          'units.csv.duplicate_code',
          `line ${info.lines}, code: ${code} is already on line ${seen}`,
        ),
      );
    else firstLine.set(code, info.lines);
  }
  if (issues.length > 0) return { ok: false, issues: issues.slice(0, MAX_CSV_ISSUES) };
  if (units.length === 0)
    return { ok: false, issues: [issue(2, '', 'units.csv.no_rows', 'the file has a header but no unit')] };
  return { ok: true, units };
}
