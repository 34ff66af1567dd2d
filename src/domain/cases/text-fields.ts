import { z } from 'zod';

/**
 * Field schemas for what people type into a case file. Text is kept exactly as typed: no trimming,
 * no character rewriting (Arabic ي/ك, ZWNJ, markup all stay as they are); identifiers are
 * normalised where they are defined (`party.schema.ts`), because they are compared rather than read.
 */

/** Text that must say something (not only spaces), stored as typed. */
export const requiredText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.trim() !== '', { message: 'validation.blank' });

/** Optional text, stored as typed; `null` clears it on update. */
export const optionalText = (max: number) => z.string().max(max).nullish();

/** An instant with its offset (`2026-03-21T08:30:00Z`, `…+03:30`). */
export const instantSchema = z.iso.datetime({ offset: true });
