import { z } from 'zod';
import { canonicalize } from '../../../../domain/canonical-json.js';
import type { DbOrTx } from '../../../db/client.js';
import { peekKid, signJws, verifyJws } from '../../../platform/crypto/signing.js';
import type { Signer } from '../trust/node-keys.usecase.js';
import { findVerificationKey } from '../trust/trust.repository.js';

const tokenSchema = z.strictObject({
  node: z.string(),
  sha256: z.string(),
  size: z.int().min(0),
  exp: z.int(),
});

/** A short-lived signed permission to upload one document (by hash and size) to a peer. */
export function signUploadToken(signer: Signer, input: { sha256: string; size: number; now: Date }): string {
  const payload = {
    node: signer.nodeId,
    sha256: input.sha256,
    size: input.size,
    exp: Math.floor(input.now.getTime() / 1000) + 600,
  };
  return signJws({
    payload: new TextEncoder().encode(canonicalize(payload)),
    privateKey: signer.privateKey,
    kid: signer.kid,
  });
}

/** Checks an upload token: signed by a trusted, unrevoked key of the node it names, for this hash, not expired. */
export async function verifyUploadToken(
  db: DbOrTx,
  input: { token: string; sha256: string; now: Date },
): Promise<{ ok: true; node: string; size: number } | { ok: false }> {
  const kid = peekKid(input.token);
  const key = kid ? await findVerificationKey(db, kid) : null;
  if (!key || key.revoked) return { ok: false };
  const verified = verifyJws({ jws: input.token, resolveKey: (k) => (k === key.kid ? key.publicKey : null) });
  if (!verified.ok) return { ok: false };
  let claims: z.infer<typeof tokenSchema>;
  try {
    claims = tokenSchema.parse(JSON.parse(new TextDecoder().decode(verified.payload)));
  } catch {
    return { ok: false };
  }
  if (claims.node !== key.nodeId || claims.sha256 !== input.sha256 || claims.exp * 1000 < input.now.getTime())
    return { ok: false };
  return { ok: true, node: claims.node, size: claims.size };
}
