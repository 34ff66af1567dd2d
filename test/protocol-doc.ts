/**
 * The part of docs/protocol.md that is written from the zod schemas rather than by hand: the fields of the
 * envelope, of every message type's body, of the delivery receipt, the signed tree head and the trust entry.
 * `src/server/modules/exchange/protocol-example.test.ts` fails when the document and the schemas disagree;
 * `npx tsx test/protocol-doc.ts --write` rewrites the section between the markers (and formats the page).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { z } from 'zod';
import { treeHeadSchema } from '../src/domain/evidence/tree-head.js';
import { deliveryReceiptSchema, messageBodySchemas } from '../src/domain/messages/bodies.js';
import { messageEnvelopeSchema, messageTypes } from '../src/domain/messages/envelope.js';
import { LINE_PATTERN, TEXT_PATTERN } from '../src/domain/text.js';
import { trustEntrySchema } from '../src/domain/trust.schema.js';
import type { JsonSchema } from './json-schema.js';

export const protocolDocPath = fileURLToPath(new URL('../docs/protocol.md', import.meta.url));
export const GENERATED_BEGIN = '<!-- BEGIN generated from the zod schemas by test/protocol-doc.ts -->';
export const GENERATED_END = '<!-- END generated -->';

const SHA256 = '^[0-9a-f]{64}$';
const code = (value: unknown) => `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;

/** "1–200 characters", "at least 1 character", … for a string's length bounds. */
function lengthOf(s: JsonSchema): string {
  const { minLength: min, maxLength: max } = s;
  if (min !== undefined && max !== undefined) return `, ${min}–${max} characters`;
  if (min !== undefined) return `, at least ${min} character${min === 1 ? '' : 's'}`;
  if (max !== undefined) return `, at most ${max} characters`;
  return '';
}

/** A short English description of a JSON Schema node's type. */
function typeText(s: JsonSchema): string {
  if (Array.isArray(s.type)) {
    const types = s.type.filter((t) => t !== 'null');
    const nullable = types.length < s.type.length;
    return `${types.map((type) => typeText({ ...s, type })).join(' or ')}${nullable ? ', or `null`' : ''}`;
  }
  if (s.anyOf) {
    const others = s.anyOf.filter((o) => o.type !== 'null');
    const nullable = others.length < s.anyOf.length;
    return `${others.map((o) => typeText(o)).join(' or ')}${nullable ? ', or `null`' : ''}`;
  }
  if (s.$ref) return 'any JSON value (checked against the schema of `type`, below)';
  if (s.const !== undefined) return `the string ${code(s.const)}`;
  if (s.enum) return `one of ${s.enum.map(code).join(', ')}`;
  switch (s.type) {
    case 'string':
      if (s.format === 'date-time') return 'UTC instant, RFC 3339 with `Z` (`2026-12-01T08:30:00.000Z`)';
      if (s.format === 'uri') return 'URL';
      if (s.pattern === SHA256) return 'SHA-256, 64 lower-case hex digits';
      if (s.pattern?.includes('-7[0-9a-f]{3}-')) return 'UUID version 7, lower case';
      if (s.pattern === TEXT_PATTERN.source)
        return `text${lengthOf(s)} (no NUL or other control but tab, LF and CR, no lone surrogate or non-character)`;
      if (s.pattern === LINE_PATTERN.source)
        return `one line of text${lengthOf(s)} (no control character, lone surrogate or non-character)`;
      if (s.pattern) return `string matching ${code(s.pattern)}${lengthOf(s)}`;
      return `string${lengthOf(s)}`;
    case 'integer': {
      const bounds = [
        s.minimum !== undefined ? `≥ ${s.minimum}` : '',
        s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER ? `≤ ${s.maximum}` : '',
      ].filter(Boolean);
      return ['integer', ...bounds].join(' ');
    }
    case 'array': {
      const min = s.minItems ? `, at least ${s.minItems}` : '';
      if (s.items?.type === 'object') return `array of objects${min}`;
      return `array${min} of: ${s.items ? typeText(s.items) : 'anything'}`;
    }
    case 'object':
      return 'object';
    default:
      return s.type ?? 'any JSON value';
  }
}

/** The rows `| field | type |` of an object schema, nested objects and arrays of objects flattened with dots. */
function rows(s: JsonSchema, prefix = ''): string[] {
  const out: string[] = [];
  const required = new Set(s.required ?? []);
  for (const [name, member] of Object.entries(s.properties ?? {})) {
    const path = `${prefix}${name}`;
    const optional = required.has(name) ? '' : ' (may be left out)';
    out.push(`| \`${path}\` | ${typeText(member).replaceAll('|', '\\|')}${optional} |`);
    const inner = member.anyOf?.find((o) => o.type !== 'null') ?? member;
    if (inner.type === 'object' && inner.properties) out.push(...rows(inner, `${path}.`));
    if (inner.type === 'array' && inner.items?.type === 'object')
      out.push(...rows(inner.items, `${path}[].`));
  }
  return out;
}

function table(title: string, schema: z.ZodType): string {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return [title, '', '| field | type |', '| --- | --- |', ...rows(json), ''].join('\n');
}

/** The generated section, markers excluded. */
export function renderSchemaSection(): string {
  return [
    '',
    table('#### The envelope', messageEnvelopeSchema),
    ...messageTypes.map((type) => table(`#### \`${type}\``, messageBodySchemas[type])),
    table('#### The delivery receipt (`receipt.delivery`)', deliveryReceiptSchema),
    table('#### The signed tree head (the signed statement)', treeHeadSchema),
    table('#### The trust entry', trustEntrySchema),
  ].join('\n');
}

/** The text between the markers in a document, or null when they are missing. */
export function generatedSectionOf(doc: string): string | null {
  const begin = doc.indexOf(GENERATED_BEGIN);
  const end = doc.indexOf(GENERATED_END);
  if (begin < 0 || end < begin) return null;
  return doc.slice(begin + GENERATED_BEGIN.length, end);
}

/**
 * The document with its generated section rendered from the schemas, formatted as `npm run check` wants it
 * (prettier aligns the tables): equal to the document on disk exactly when that is up to date.
 */
export async function renderProtocolDoc(doc: string): Promise<string> {
  if (generatedSectionOf(doc) === null)
    throw new Error(`${protocolDocPath} has no generated section markers`);
  const head = doc.slice(0, doc.indexOf(GENERATED_BEGIN) + GENERATED_BEGIN.length);
  const rendered = head + renderSchemaSection() + doc.slice(doc.indexOf(GENERATED_END));
  const options = await resolveConfig(protocolDocPath);
  return format(rendered, { ...options, filepath: protocolDocPath });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  writeFileSync(protocolDocPath, await renderProtocolDoc(readFileSync(protocolDocPath, 'utf8')));
}
