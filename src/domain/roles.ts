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

/** The roles a user of an organisation of this kind may hold (an administrator or supervisor may sit in any). */
export const rolesOfKind: Record<OrganisationKind, readonly Role[]> = {
  station: ['station.officer', 'station.chief', 'admin', 'supervisor'],
  outpost: ['station.officer', 'station.chief', 'admin', 'supervisor'],
  prosecutor_office: ['prosecutor.clerk', 'prosecutor.judge', 'admin', 'supervisor'],
  escort_unit: ['escort.officer', 'admin', 'supervisor'],
  hq: ['supervisor', 'admin'],
};
