import { z } from 'zod';
import { organisationKindSchema } from './roles.js';
import { code, LINE_PATTERN, INVALID_TEXT } from './text.js';

export const organisationCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'organisations.invalid_code');

export const createOrganisationBodySchema = z.object({
  code: organisationCodeSchema,
  kind: organisationKindSchema,
  nameFa: z.string().trim().min(1).max(200).regex(LINE_PATTERN, { message: INVALID_TEXT }),
  nameEn: z.string().trim().min(1).max(200).regex(LINE_PATTERN, { message: INVALID_TEXT }),
  provinceCode: z.string().regex(/^IR-\d{2}$/),
  countyCode: code(40),
  nodeId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,62}$/)
    .optional(),
});
export type CreateOrganisationBody = z.infer<typeof createOrganisationBodySchema>;

/**
 * PATCH /api/organisations/:id — what an administrator may change of an organisation: its names, its county
 * (one of its province's, `organisations.county_unknown` / `organisations.county_not_in_province`) and the
 * node that hosts it (this node or a peer, `organisations.unknown_node`). Code, kind and province stay.
 */
export const updateOrganisationBodySchema = createOrganisationBodySchema
  .pick({ nameFa: true, nameEn: true, countyCode: true })
  .extend({ nodeId: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,62}$/) })
  .partial()
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'organisations.nothing_to_change',
    path: ['nameFa'],
  });
export type UpdateOrganisationBody = z.infer<typeof updateOrganisationBodySchema>;

export const organisationSchema = z.object({
  id: z.string(),
  code: z.string(),
  kind: organisationKindSchema,
  nameFa: z.string(),
  nameEn: z.string(),
  provinceCode: z.string(),
  countyCode: z.string(),
  nodeId: z.string(),
  isDemo: z.boolean(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const organisationListSchema = z.object({ items: z.array(organisationSchema) });
export type OrganisationList = z.infer<typeof organisationListSchema>;

/** An organisation named where it is not the subject: the signed-in user's own, for one. */
export const organisationRefSchema = organisationSchema.pick({
  id: true,
  code: true,
  kind: true,
  nameFa: true,
  nameEn: true,
});
export type OrganisationRef = z.infer<typeof organisationRefSchema>;

export const jurisdictionRuleBodySchema = z
  .object({
    countyCode: code(40).optional(),
    stationId: z.uuid().optional(),
    prosecutorOfficeId: z.uuid(),
  })
  .refine((b) => (b.countyCode === undefined) !== (b.stationId === undefined), {
    message: 'jurisdiction.county_or_station',
    path: ['countyCode'],
  });
export type JurisdictionRuleBody = z.infer<typeof jurisdictionRuleBodySchema>;
