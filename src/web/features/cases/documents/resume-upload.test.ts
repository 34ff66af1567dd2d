import { describe, expect, it, vi } from 'vitest';
import type { CaseDocument } from '../../../../domain/documents/documents.schema.js';
import { ApiError, NETWORK_ERROR } from '../../../api/client.js';
import { createConnection } from '../../../api/connection.js';
import { sendResumingAfterOutage } from './resume-upload.js';

const doc = { id: 'd1' } as CaseDocument;
const duplicate = new ApiError(409, 'documents.duplicate', 'same bytes', [], {
  documentId: 'd0',
  name: 'a.pdf',
});

/** A connection whose node answers when the test says. */
function nodeBackWhenTold() {
  let answer = false;
  const node = createConnection({ probe: async () => answer, baseDelayMs: 1, maxDelayMs: 5 });
  return { node, back: () => (answer = true) };
}

describe('sending a file through an outage', () => {
  it('waits for the node after a network error, sends again, and takes "already there" as done', async () => {
    const { node, back } = nodeBackWhenTold();
    const send = vi
      .fn<() => Promise<CaseDocument>>()
      .mockRejectedValueOnce(new ApiError(0, NETWORK_ERROR, 'network error'))
      .mockRejectedValueOnce(duplicate);
    const sent = sendResumingAfterOutage(send, node);
    await vi.waitFor(() => expect(node.getSnapshot().reachable).toBe(false));
    expect(send).toHaveBeenCalledTimes(1);
    back();
    // The first try arrived, its answer lost: the repeat finds the same bytes — done, named by the answer.
    await expect(sent).resolves.toEqual({ documentId: 'd0', document: null });
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('sends again after a 503 and returns the document made', async () => {
    const { node, back } = nodeBackWhenTold();
    const send = vi
      .fn<() => Promise<CaseDocument>>()
      .mockRejectedValueOnce(new ApiError(503, 'service.unavailable', 'x'))
      .mockResolvedValueOnce(doc);
    const sent = sendResumingAfterOutage(send, node);
    back();
    await expect(sent).resolves.toEqual({ documentId: 'd1', document: doc });
  });

  it('leaves a refusal, and a duplicate on the first try, as errors (sent once)', async () => {
    const { node } = nodeBackWhenTold();
    const refused = new ApiError(400, 'documents.unsupported_type', 'x');
    for (const error of [refused, duplicate]) {
      const send = vi.fn<() => Promise<CaseDocument>>().mockRejectedValue(error);
      await expect(sendResumingAfterOutage(send, node)).rejects.toBe(error);
      expect(send).toHaveBeenCalledTimes(1);
    }
    expect(node.getSnapshot().reachable).toBe(true);
  });
});
