import { AppError } from '../../../domain/errors.js';
import type { MessageBody } from '../../../domain/messages/bodies.js';
import type { MessageDocument, MessageType } from '../../../domain/messages/envelope.js';
import type { Tx } from '../../db/client.js';
import { findOrganisation } from '../organisations/index.js';
import type { Signer } from '../exchange/index.js';
import { enqueueMessage } from '../exchange/index.js';

/** A row one side keeps of something both sides hold (an order, an escort): whose it is and with whom. */
export interface SharedRow {
  org_id: string;
  peer_node: string;
  peer_org: string;
  case_ref: string;
}

/**
 * Tells the other side of a shared row what this side did: a signed message from the row's organisation
 * to its peer, on the case's thread, in the caller's transaction. Returns the message's id.
 */
export async function tellPeer<T extends MessageType>(
  tx: Tx,
  input: {
    signer: Signer;
    now: Date;
    row: SharedRow;
    createdBy: string;
    type: T;
    body: MessageBody<T>;
    documents?: MessageDocument[];
  },
): Promise<string> {
  const own = await findOrganisation(tx, input.row.org_id);
  if (!own) throw new AppError('organisations.not_found');
  const sent = await enqueueMessage(tx, {
    signer: input.signer,
    now: input.now,
    message: {
      type: input.type,
      from: { orgId: own.id, orgCode: own.code },
      to: { node: input.row.peer_node, org: input.row.peer_org },
      caseRef: input.row.case_ref,
      createdBy: input.createdBy,
      body: input.body,
      documents: input.documents ?? [],
    },
  });
  return sent.id;
}
