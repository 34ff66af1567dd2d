import { z } from 'zod';
import { requiredLine } from '../cases/text-fields.js';

/**
 * The lists a prosecutor's office keeps (issue 18, point 5): its branches (شعبه) and the people files are
 * assigned to (دادیار, بازپرس). Registering or assigning a file chooses a name from them.
 */
export const officeListKinds = ['branch', 'assistant_prosecutor', 'investigator'] as const;
export const officeListKindSchema = z.enum(officeListKinds);
export type OfficeListKind = z.infer<typeof officeListKindSchema>;

/** The kinds a file is assigned to (its دادیار or بازپرس). */
export const staffKinds: readonly OfficeListKind[] = ['assistant_prosecutor', 'investigator'];

export const officeListEntrySchema = z.object({
  id: z.string(),
  kind: officeListKindSchema,
  name: z.string(),
  active: z.boolean(),
});
export type OfficeListEntry = z.infer<typeof officeListEntrySchema>;

/** The office's lists: its branches, and its دادیاران and بازپرسان; the clerk sees the active ones only. */
export const officeListsSchema = z.object({
  branches: z.array(officeListEntrySchema),
  staff: z.array(officeListEntrySchema),
});
export type OfficeLists = z.infer<typeof officeListsSchema>;

/** POST /api/organisations/:id/office-lists — a new branch or staff member (admin). */
export const addOfficeListEntryBodySchema = z.object({
  kind: officeListKindSchema,
  name: requiredLine(200),
});
export type AddOfficeListEntryBody = z.infer<typeof addOfficeListEntryBodySchema>;

/** PATCH /api/organisations/:id/office-lists/:entryId — rename, retire or bring back (admin). */
export const updateOfficeListEntryBodySchema = z
  .object({ name: requiredLine(200).optional(), active: z.boolean().optional() })
  .refine((b) => b.name !== undefined || b.active !== undefined, {
    message: 'organisations.nothing_to_change',
  });
export type UpdateOfficeListEntryBody = z.infer<typeof updateOfficeListEntryBodySchema>;
