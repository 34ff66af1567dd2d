import { z } from 'zod';

/** The roles of casebridge. Every user has exactly one, inside exactly one organisation. */
export const roles = [
  'station.officer',
  'station.chief',
  'prosecutor.clerk',
  'prosecutor.judge',
  'escort.officer',
  'supervisor',
  'admin',
] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Kinds of organisation: police station (کلانتری), outpost (پاسگاه), prosecutor's office (دادسرا), … */
export const organisationKinds = ['station', 'outpost', 'prosecutor_office', 'escort_unit', 'hq'] as const;
export const organisationKindSchema = z.enum(organisationKinds);
export type OrganisationKind = z.infer<typeof organisationKindSchema>;

/** Stations and outposts are both police units that open case files. */
export function isPoliceUnit(kind: OrganisationKind): boolean {
  return kind === 'station' || kind === 'outpost';
}
