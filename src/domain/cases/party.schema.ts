import { z } from 'zod';
import { isValidNationalId, normaliseNationalId } from '../national-id.js';
import { normaliseIdentifier } from '../persian-text.js';
import { line } from '../text.js';
import { instantSchema, optionalLine, optionalText, requiredLine } from './text-fields.js';

export const partyRoles = ['complainant', 'accused', 'witness', 'informant'] as const;
export const partyRoleSchema = z.enum(partyRoles);
export type PartyRole = z.infer<typeof partyRoleSchema>;

/** Iran, as a nationality (ISO 3166-1 alpha-2). */
export const IRAN = 'IR';

/** A national ID in Persian, Arabic or Latin digits, checked with its check digit, stored with Latin digits. */
export const nationalIdSchema = line(20)
  .refine(isValidNationalId, { message: 'parties.invalid_national_id' })
  .transform(normaliseNationalId);

/** An Iranian mobile number in any digits (`۰۹۱۲…`, `+98912…`), stored as `09xxxxxxxxx`. */
export const mobileSchema = line(20)
  .transform((s) => normaliseIdentifier(s).replace(/^(\+98|0098|98)(?=9\d{9}$)/, '0'))
  .refine((s) => /^09\d{9}$/.test(s), { message: 'parties.invalid_mobile' });

/** A passport number as stored: upper case, Latin digits, no spaces or dashes. */
export function normalisePassportNumber(input: string): string {
  return normaliseIdentifier(input).toUpperCase();
}

/** A passport number: letters and digits, stored upper case with Latin digits. */
export const passportNumberSchema = line(20)
  .transform(normalisePassportNumber)
  .refine((s) => /^[A-Z0-9]{5,20}$/.test(s), { message: 'parties.invalid_passport_number' });

/** A nationality as an ISO 3166-1 alpha-2 code, upper case. */
export const nationalitySchema = z
  .string()
  .regex(/^[A-Za-z]{2}$/)
  .transform((s) => s.toUpperCase());

const partyFields = {
  role: partyRoleSchema,
  firstName: requiredLine(100),
  lastName: requiredLine(100),
  fatherName: optionalLine(100),
  nationalId: nationalIdSchema.nullish(),
  passportNumber: passportNumberSchema.nullish(),
  nationality: nationalitySchema.optional(),
  mobile: mobileSchema.nullish(),
  address: optionalText(1000),
  /** The complainant agreed, when the complaint was recorded, to receive the case's new status by SMS. */
  smsConsent: z.boolean().optional(),
};

/** Who must be identified: the people who speak for themselves in the file. */
const rolesNeedingIdentity: readonly PartyRole[] = ['complainant', 'informant'];

/** What identifies a party: enough to decide whether the file says who they are. */
export interface PartyIdentity {
  role: PartyRole;
  nationality: string;
  nationalId?: string | null | undefined;
  passportNumber?: string | null | undefined;
}

/**
 * The identifier a party still lacks, or null. Iranians are identified by national ID, foreign
 * nationals by passport number. Complainants and informants must be identified; an accused or a
 * witness may be unknown, so for them an identifier is optional.
 */
export function missingIdentity(p: PartyIdentity): 'nationalId' | 'passportNumber' | null {
  if (!rolesNeedingIdentity.includes(p.role)) return null;
  if (p.nationality === IRAN) return p.nationalId ? null : 'nationalId';
  return p.passportNumber ? null : 'passportNumber';
}

/** Refuses, naming the field, a party that is not identified enough for its role (`missingIdentity`). */
function refineIdentity(
  p: Omit<PartyIdentity, 'nationality'> & {
    nationality?: string | undefined;
    mobile?: string | null | undefined;
    smsConsent?: boolean | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  const missing = missingIdentity({ ...p, nationality: p.nationality ?? IRAN });
  if (missing) ctx.addIssue({ code: 'custom', path: [missing], message: 'parties.identity_required' });
  const consentError = smsConsentError(p);
  if (consentError) ctx.addIssue({ code: 'custom', path: ['smsConsent'], message: consentError });
}

/**
 * Why a party cannot have agreed to SMS, or null: only a complainant is sent the case's status, and only to a
 * mobile number recorded for them.
 */
export function smsConsentError(p: {
  role: PartyRole;
  mobile?: string | null | undefined;
  smsConsent?: boolean | undefined;
}): 'parties.sms_consent_needs_mobile' | 'parties.sms_consent_complainant_only' | null {
  if (p.smsConsent !== true) return null;
  if (p.role !== 'complainant') return 'parties.sms_consent_complainant_only';
  return p.mobile ? null : 'parties.sms_consent_needs_mobile';
}

/** POST /api/cases/:id/parties */
export const addPartyBodySchema = z.object(partyFields).superRefine(refineIdentity);
export type AddPartyBody = z.infer<typeof addPartyBodySchema>;

/**
 * A party as the new-case request carries it (POST /api/cases): the fields of `addPartyBodySchema`, and for an
 * accused already held, when the custody (تحت نظر) started — saved with the case in its one transaction.
 */
export const newCasePartySchema = z
  .object({ ...partyFields, custodyStartedAt: instantSchema.optional() })
  .superRefine(refineIdentity);
export type NewCaseParty = z.infer<typeof newCasePartySchema>;

/**
 * PATCH /api/cases/:id/parties/:partyId — any of the fields; `null` clears an optional one. Whether
 * the party is still identified is checked on the merged result, by the use case.
 */
export const updatePartyBodySchema = z.object(partyFields).partial();
export type UpdatePartyBody = z.infer<typeof updatePartyBodySchema>;

/** A party as the API shows it. */
export const partySchema = z.object({
  id: z.string(),
  role: partyRoleSchema,
  firstName: z.string(),
  lastName: z.string(),
  fatherName: z.string().nullable(),
  nationalId: z.string().nullable(),
  passportNumber: z.string().nullable(),
  nationality: z.string(),
  mobile: z.string().nullable(),
  address: z.string().nullable(),
  smsConsent: z.boolean(),
});
export type Party = z.infer<typeof partySchema>;
