import { z } from 'zod';
import { organisationKindSchema } from './roles.js';

/** A public Ed25519 key as a JWK (RFC 8037). */
export const publicJwkSchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().min(40).max(50),
});

/**
 * A trust entry: what one node tells another about itself so that they can exchange —
 * its id, its base URL, its public keys and the organisations it hosts. `casebridge peers export`
 * writes one; `casebridge peers add --file` reads one.
 */
export const trustEntrySchema = z.object({
  nodeId: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,62}$/),
  baseUrl: z.url().nullable(),
  keys: z.array(publicJwkSchema).min(1),
  organisations: z.array(
    z.object({
      code: z.string(),
      kind: organisationKindSchema,
      nameFa: z.string(),
      nameEn: z.string(),
      provinceCode: z.string(),
      countyCode: z.string(),
    }),
  ),
});
export type TrustEntry = z.infer<typeof trustEntrySchema>;
