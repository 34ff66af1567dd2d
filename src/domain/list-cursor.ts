import { z } from 'zod';

/**
 * Keyset pagination: a long list is read page after page from where the last page ended (the sort key of
 * its last row), never by OFFSET and never by counting every match. The cursor is that key, opaque to
 * the client: base64url of a JSON array of strings and numbers. The API answers `next` (null on the
 * last page); the client sends it back as `cursor`.
 */
export type CursorKey = readonly (string | number | null)[];

/** The error a cursor that was not made by `encodeCursor` (or not for this list) is refused with. */
export const INVALID_CURSOR = 'list.invalid_cursor';

/** The cursor of a sort key. */
export function encodeCursor(key: CursorKey): string {
  const json = JSON.stringify(key);
  const bytes = new TextEncoder().encode(json);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The sort key of a cursor, or null if it is not one. */
export function decodeCursor(cursor: string): CursorKey | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return null;
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const json = new TextDecoder('utf-8', { fatal: true }).decode(
      Uint8Array.from(binary, (c) => c.charCodeAt(0)),
    );
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value) || value.length === 0 || value.length > 8) return null;
    for (const v of value)
      if (!(v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))))
        return null;
    return value as CursorKey;
  } catch {
    return null;
  }
}

/**
 * A query parameter holding a cursor whose key `key` describes (a zod tuple, or a union of tuples): parsed
 * into that key, or refused as `list.invalid_cursor`.
 */
export function cursorParam<T extends z.ZodType>(key: T) {
  return z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,400}$/, { message: INVALID_CURSOR })
    .transform((s, ctx) => {
      const decoded = decodeCursor(s);
      const parsed = decoded ? key.safeParse(decoded) : null;
      if (!parsed?.success) {
        ctx.addIssue({ code: 'custom', message: INVALID_CURSOR });
        return z.NEVER;
      }
      return parsed.data;
    });
}

/** A timestamp inside a cursor: as PostgreSQL printed it (microseconds kept), checked to be one. */
export const cursorTime = z
  .string()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/.test(s));

/** A row id inside a cursor. */
export const cursorId = z.string().uuid();

/** A page: its rows and the cursor of the next one (null when this is the last). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next: z.string().nullable() });
