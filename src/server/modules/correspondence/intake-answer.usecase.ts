import type { MessageBody } from '../../../domain/messages/bodies.js';
import type { Tx } from '../../db/client.js';
import type { IntakeFileRow, OrganisationRow } from '../../db/schema.js';
import type { Signer } from '../exchange/index.js';
import { enqueueMessage } from '../exchange/index.js';

type AnswerType =
  'intake.registered' | 'intake.returned' | 'intake.rejected' | 'order.issued' | 'order.closed';

/**
 * Puts a message from the office to the station that sent an intake file into the outbox, in the
 * caller's transaction, on the thread of that file's case.
 */
export async function enqueueAnswer<T extends AnswerType>(
  tx: Tx,
  input: {
    signer: Signer;
    now: Date;
    file: IntakeFileRow;
    office: Pick<OrganisationRow, 'id' | 'code'>;
    createdBy: string;
    type: T;
    body: MessageBody<T>;
  },
): Promise<{ id: string; sha256: string }> {
  return enqueueMessage(tx, {
    signer: input.signer,
    now: input.now,
    message: {
      type: input.type,
      from: { orgId: input.office.id, orgCode: input.office.code },
      to: { node: input.file.source_node, org: input.file.source_org },
      caseRef: input.file.case_ref,
      createdBy: input.createdBy,
      body: input.body,
      documents: [],
    },
  });
}
