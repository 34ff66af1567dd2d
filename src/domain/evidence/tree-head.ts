/**
 * The signed tree head (STH) of a node's evidence log: the statement "my log had `treeSize` entries whose
 * RFC 9162 Merkle root was `rootHash` at `timestamp`", signed by the node. Two nodes compare logs by
 * exchanging these; an evidence bundle carries one, and every entry's inclusion proof is checked against it.
 *
 * What is signed is the RFC 8785 canonical JSON of exactly `{ nodeId, treeSize, rootHash, timestamp }`.
 * Pure: shared by the server and `casebridge verify`.
 */
import { z } from 'zod';
import { sha256HexSchema } from '../messages/envelope.js';

/** The statement a tree head makes (the signed payload). */
export const treeHeadSchema = z.strictObject({
  nodeId: z.string().min(1),
  treeSize: z.int().min(0),
  rootHash: sha256HexSchema,
  timestamp: z.iso.datetime(),
});
export type TreeHead = z.infer<typeof treeHeadSchema>;

/** A tree head with its signature: a compact JWS (EdDSA) whose payload is the canonical JSON of the head. */
export const signedTreeHeadSchema = treeHeadSchema.extend({
  kid: z.string().min(1),
  jws: z.string().min(1),
});
export type SignedTreeHead = z.infer<typeof signedTreeHeadSchema>;

/** The fields of a tree head, in a fixed order (for naming which one differs from what was signed). */
export const treeHeadFields = [
  'nodeId',
  'treeSize',
  'rootHash',
  'timestamp',
] as const satisfies readonly (keyof TreeHead)[];
