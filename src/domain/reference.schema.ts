import { z } from 'zod';

/** An entry of a reference list (a province, a crime category): its code and its names in both languages. */
export const referenceItemSchema = z.object({ code: z.string(), nameFa: z.string(), nameEn: z.string() });
export type ReferenceItem = z.infer<typeof referenceItemSchema>;

/** A county names its province, so that a form can offer the counties of the province chosen. */
export const countySchema = referenceItemSchema.extend({ provinceCode: z.string() });
export type County = z.infer<typeof countySchema>;
