import { z } from 'zod';
import { organisationKindSchema } from './roles.js';
import { INVALID_TEXT, LINE_PATTERN, line } from './text.js';

/** A public Ed25519 key as a JWK (RFC 8037). */
export const publicJwkSchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().regex(/^[A-Za-z0-9_-]{40,50}$/),
});

/**
 * A trust entry: what one node tells another about itself so that they can exchange —
 * its id, its base URL, its public keys and the organisations it hosts. `casebridge peers export`
 * writes one; `casebridge peers add --file` reads one.
 */
export const trustEntrySchema = z.object({
  nodeId: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,62}$/),
  baseUrl: z.url().max(2000).regex(LINE_PATTERN, { message: INVALID_TEXT }).nullable(),
  keys: z.array(publicJwkSchema).min(1),
  organisations: z.array(
    z.object({
      code: line(32),
      kind: organisationKindSchema,
      nameFa: line(200),
      nameEn: line(200),
      provinceCode: line(10),
      countyCode: line(40),
    }),
  ),
});
export type TrustEntry = z.infer<typeof trustEntrySchema>;
