import type { CaseDocument } from '../../../../domain/documents/documents.schema.js';
import { ApiError } from '../../../api/client.js';
import {
  connection as pageConnection,
  isUnavailableStatus,
  type Connection,
} from '../../../api/connection.js';

/** A file on the server: the document its upload made, or (already there) only its id. */
export interface SentDocument {
  documentId: string;
  document: CaseDocument | null;
}

/**
 * Sends one file with `send` (whatever transport it uses) and, when the node cannot be reached or answers
 * 503, waits for it to answer again and sends it again — the queue of a form goes on by itself after an
 * outage. A repeat whose bytes the case already holds (409 `documents.duplicate`) means the first try
 * arrived though its answer was lost: done, the document named by the answer, nothing sent twice. A
 * duplicate on the first try stays an error (the user chose a file the case already has).
 */
export async function sendResumingAfterOutage(
  send: () => Promise<CaseDocument>,
  connection: Connection = pageConnection,
): Promise<SentDocument> {
  let repeat = false;
  for (;;) {
    try {
      const document = await send();
      return { documentId: document.id, document };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const sameBytes = error.details.documentId;
      if (repeat && error.code === 'documents.duplicate' && typeof sameBytes === 'string')
        return { documentId: sameBytes, document: null };
      if (!isUnavailableStatus(error.status, error.code)) throw error;
      connection.reportUnreachable();
      await connection.whenReachable();
      repeat = true;
    }
  }
}
