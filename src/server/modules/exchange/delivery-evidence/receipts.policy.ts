import { canonicalize } from '../../../../domain/canonical-json.js';
import { deliveryReceiptSchema, type DeliveryReceipt } from '../../../../domain/messages/bodies.js';
import type { DbOrTx } from '../../../db/client.js';
import { peekKid, signJws, verifyJws } from '../../../platform/crypto/signing.js';
import type { Signer } from '../trust/node-keys.usecase.js';
import { findVerificationKey } from '../trust/trust.repository.js';

/** Signs a delivery receipt: "I hold message X with hash H, all its documents verified". */
export function signReceipt(signer: Signer, receipt: DeliveryReceipt): string {
  const bytes = new TextEncoder().encode(canonicalize(deliveryReceiptSchema.parse(receipt)));
  return signJws({ payload: bytes, privateKey: signer.privateKey, kid: signer.kid });
}

/** Why a receipt was not accepted by the sender. */
export type ReceiptFailure =
  'receipt.unknown_key' | 'receipt.invalid' | 'receipt.wrong_node' | 'receipt.mismatch';

/**
 * Checks a delivery receipt against the trust store: signed by a non-revoked key of the node the
 * message went to, for exactly this message id and hash.
 */
export async function verifyReceipt(
  db: DbOrTx,
  input: { receiptJws: string; messageId: string; messageSha256: string; toNode: string },
): Promise<{ ok: true; receipt: DeliveryReceipt } | { ok: false; reason: ReceiptFailure }> {
  const kid = peekKid(input.receiptJws);
  const key = kid ? await findVerificationKey(db, kid) : null;
  if (!key || key.revoked) return { ok: false, reason: 'receipt.unknown_key' };
  if (key.nodeId !== input.toNode) return { ok: false, reason: 'receipt.wrong_node' };
  const verified = verifyJws({
    jws: input.receiptJws,
    resolveKey: (k) => (k === key.kid ? key.publicKey : null),
  });
  if (!verified.ok) return { ok: false, reason: 'receipt.invalid' };
  const parsed = deliveryReceiptSchema.safeParse(JSON.parse(new TextDecoder().decode(verified.payload)));
  if (!parsed.success) return { ok: false, reason: 'receipt.invalid' };
  if (parsed.data.messageId !== input.messageId || parsed.data.messageSha256 !== input.messageSha256) {
    return { ok: false, reason: 'receipt.mismatch' };
  }
  return { ok: true, receipt: parsed.data };
}
