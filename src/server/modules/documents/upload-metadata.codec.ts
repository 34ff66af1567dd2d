import type { z } from 'zod';
import { AppError } from '../../../domain/errors.js';

const HEADER = 'headers.upload-metadata';

/**
 * Reads tus's `Upload-Metadata` header — `key base64value` pairs separated by commas — and validates the pairs
 * with `schema`: a malformed header or a field the schema refuses is `request.invalid` naming the field.
 */
export function parseUploadMetadata<T extends z.ZodType>(
  header: string | string[] | undefined,
  schema: T,
): z.infer<T> {
  const fields: Record<string, string> = {};
  const raw = Array.isArray(header) ? header.join(',') : (header ?? '');
  for (const pair of raw.split(',')) {
    const [key, value = '', extra] = pair.trim().split(' ');
    if (!key) continue;
    if (extra !== undefined || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || key in fields)
      throw new AppError('request.invalid', {
        issues: [
          { path: HEADER, code: 'validation.malformed', message: 'Pairs of a key and a base64 value.' },
        ],
      });
    fields[key] = Buffer.from(value, 'base64').toString('utf8');
  }
  const parsed = schema.safeParse(fields);
  if (parsed.success) return parsed.data;
  throw new AppError('request.invalid', {
    issues: parsed.error.issues.map((issue) => ({
      path: [HEADER, ...issue.path.map(String)].join('.'),
      code: issue.message === 'validation.invalid_text' ? issue.message : `validation.${issue.code}`,
      message: issue.message,
    })),
  });
}
