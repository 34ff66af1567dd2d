/**
 * RFC 8785 JSON Canonicalization Scheme (JCS).
 *
 * The bytes a node signs and hashes are the canonical form of a message, so two implementations (server,
 * browser, a third party's verifier) must produce exactly the same string for the same value. JCS gets there
 * with three rules: no whitespace, object members sorted by the UTF-16 code units of their names, and numbers
 * and strings written the way ECMAScript's `JSON.stringify` writes them (RFC 8785 §3.2.2.2, §3.2.2.3).
 *
 * Pure and free of Node APIs: it runs in the browser too.
 */

/** Thrown for a value that has no canonical JSON form (non-finite number, lone surrogate, cycle, …). */
export class CanonicalJsonError extends TypeError {
  override readonly name = 'CanonicalJsonError';
}

/**
 * The RFC 8785 canonical JSON text of a JSON value.
 *
 * Accepts `null`, booleans, finite numbers, strings, arrays and plain objects. Object members whose value is
 * `undefined` are left out (as `JSON.stringify` does, so optional fields behave as absent). It throws
 * `CanonicalJsonError` for anything JSON cannot carry faithfully: `NaN`/`Infinity`, `undefined` at the top or
 * inside an array, strings with lone surrogates (not I-JSON, RFC 7493 §2.1), bigints, functions, symbols,
 * class instances such as `Date` or `Map` (convert them first: silence here would sign something else) and
 * cycles.
 */
export function canonicalize(value: unknown): string {
  const parts: string[] = [];
  write(value, parts, new Set<object>(), '$');
  return parts.join('');
}

/** The canonical JSON of a value as UTF-8 bytes: what is hashed and signed. */
export function canonicalizeToBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalize(value));
}

function write(value: unknown, out: string[], ancestors: Set<object>, path: string): void {
  switch (typeof value) {
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      out.push(serializeNumber(value, path));
      return;
    case 'string':
      out.push(serializeString(value, path));
      return;
    case 'object':
      if (value === null) {
        out.push('null');
        return;
      }
      break;
    default:
      throw new CanonicalJsonError(`${path}: a ${typeof value} has no JSON form`);
  }

  if (ancestors.has(value)) throw new CanonicalJsonError(`${path}: cyclic structure`);
  ancestors.add(value);

  if (Array.isArray(value)) {
    out.push('[');
    // An index loop, not forEach: forEach skips the holes of a sparse array, which must fail like undefined.
    for (let i = 0; i < value.length; i++) {
      const element: unknown = value[i];
      if (i > 0) out.push(',');
      if (element === undefined) throw new CanonicalJsonError(`${path}[${i}]: undefined inside an array`);
      write(element, out, ancestors, `${path}[${i}]`);
    }
    out.push(']');
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new CanonicalJsonError(`${path}: only plain objects and arrays can be canonicalised`);
    }
    const record = value as Record<string, unknown>;
    // Array.prototype.sort without a comparator orders strings by UTF-16 code units: exactly RFC 8785 §3.2.3.
    const keys = Object.keys(record).sort();
    out.push('{');
    let first = true;
    for (const key of keys) {
      const member = record[key];
      if (member === undefined) continue;
      if (!first) out.push(',');
      first = false;
      const memberPath = `${path}.${key}`;
      out.push(serializeString(key, memberPath), ':');
      write(member, out, ancestors, memberPath);
    }
    out.push('}');
  }

  ancestors.delete(value);
}

/**
 * RFC 8785 §3.2.2.3: numbers are written as ECMAScript's Number.prototype.toString writes them (shortest
 * round-tripping form; exponent from 1e21 and below 1e-6; -0 as 0).
 */
function serializeNumber(n: number, path: string): string {
  if (!Number.isFinite(n)) throw new CanonicalJsonError(`${path}: ${String(n)} is not a JSON number`);
  // String(-0) is already "0"; JSON.stringify(n) gives the same text as String(n) for every finite n.
  return String(n);
}

/**
 * RFC 8785 §3.2.2.2: strings as ECMAScript's JSON.stringify writes them — `\b \t \n \f \r \" \\` as short
 * escapes, other controls below U+0020 as lower-case `\u00xx`, everything else (including U+007F, U+2028 and
 * non-BMP characters) as is.
 */
function serializeString(s: string, path: string): string {
  if (hasLoneSurrogate(s)) throw new CanonicalJsonError(`${path}: string contains a lone surrogate`);
  return JSON.stringify(s);
}

function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = s.charCodeAt(i + 1); // NaN past the end
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return true;
    }
  }
  return false;
}
