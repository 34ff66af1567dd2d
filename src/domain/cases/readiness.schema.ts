import { z } from 'zod';

/** What can be missing from a file before it goes to the prosecutor (each code is an i18n key). */
export const readinessCodes = [
  'readiness.no_party',
  'readiness.no_accused',
  'readiness.no_crime_category',
  'readiness.no_narrative',
  'readiness.no_complainant',
  'readiness.no_complaint_document',
  'readiness.custody_party_missing',
  'readiness.custody_party_not_accused',
  'readiness.custody_starts_in_future',
] as const;
export type ReadinessCode = (typeof readinessCodes)[number];

export const readinessSchema = z.object({
  ready: z.boolean(),
  missing: z.array(z.object({ code: z.enum(readinessCodes), path: z.string().optional() })),
});
export type Readiness = z.infer<typeof readinessSchema>;
