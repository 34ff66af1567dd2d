import { z } from 'zod';
import { line, text } from '../text.js';

/**
 * Field schemas for what people type into a case file. Text is kept exactly as typed: no trimming,
 * no character rewriting (Arabic ي/ك, ZWNJ, markup all stay as they are); identifiers are
 * normalised where they are defined (`party.schema.ts`), because they are compared rather than read.
 * Every one refuses what `text.ts` refuses (NUL, lone surrogates, non-characters, controls).
 */

const notBlank = (s: string) => s.trim() !== '';

/** Multi-line text that must say something (not only spaces), stored as typed. */
export const requiredText = (max: number) => text(max).refine(notBlank, { message: 'validation.blank' });

/** Optional multi-line text, stored as typed; `null` clears it on update. */
export const optionalText = (max: number) => text(max).nullish();

/** One line that must say something (a name, a number, a place), stored as typed. */
export const requiredLine = (max: number) => line(max).refine(notBlank, { message: 'validation.blank' });

/** An optional line, stored as typed; `null` clears it on update. */
export const optionalLine = (max: number) => line(max).nullish();

/** An instant with its offset (`2026-03-21T08:30:00Z`, `…+03:30`). */
export const instantSchema = z.iso.datetime({ offset: true });
