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

/** This node's own trust entry as it hands it out: each key's id (`kid`) beside its JWK, which an importer drops. */
export const ownTrustEntrySchema = trustEntrySchema.extend({
  keys: z.array(publicJwkSchema.extend({ kid: z.string() })).min(1),
});
export type OwnTrustEntry = z.infer<typeof ownTrustEntrySchema>;

/** A trusted node as the administrator sees it (GET /api/peers); this node is among them, with no base URL. */
export const peerSchema = z.object({
  nodeId: z.string(),
  baseUrl: z.string().nullable(),
  keys: z.array(z.object({ kid: z.string(), revoked: z.boolean() })),
});
export type Peer = z.infer<typeof peerSchema>;

export const peerListSchema = z.object({ items: z.array(peerSchema) });
export type PeerList = z.infer<typeof peerListSchema>;

/** POST /api/peers — what trusting an entry added: its keys, and its organisations to this node's list. */
export const addPeerResultSchema = z.object({ keysAdded: z.number().int(), organisations: z.number().int() });
export type AddPeerResult = z.infer<typeof addPeerResultSchema>;
