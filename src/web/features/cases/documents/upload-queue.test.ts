import { describe, expect, it } from 'vitest';
import type { CaseDocument } from '../../../../domain/documents/documents.schema.js';
import { uploadReducer, type UploadItem } from './upload-queue.js';

const file = new File(['x'], 'scan.pdf', { type: 'application/pdf' });
const item = (key: string, status: UploadItem['status'] = 'pending'): UploadItem => ({
  key,
  file,
  kind: 'other',
  status,
  progress: 0,
});
const doc = { id: 'd1' } as CaseDocument;

describe('uploadReducer', () => {
  it('tracks a file from waiting to uploaded with its progress', () => {
    let s = uploadReducer([], { type: 'add', items: [item('a')] });
    s = uploadReducer(s, { type: 'start', key: 'a' });
    s = uploadReducer(s, { type: 'progress', key: 'a', progress: 0.4 });
    expect(s[0]).toMatchObject({ status: 'uploading', progress: 0.4 });
    s = uploadReducer(s, { type: 'done', key: 'a', documentId: doc.id, document: doc });
    expect(s[0]).toMatchObject({ status: 'done', progress: 1, document: doc });
  });

  it('keeps a failed file with its error, and clears the error when it is retried', () => {
    let s = uploadReducer([item('a', 'uploading')], { type: 'fail', key: 'a', error: 'offline' });
    expect(s[0]).toMatchObject({ status: 'failed', error: 'offline' });
    s = uploadReducer(s, { type: 'start', key: 'a' });
    expect(s[0]).toMatchObject({ status: 'uploading', progress: 0, error: undefined });
  });

  it('lets waiting and failed files be removed or re-classified, but not uploading or uploaded ones', () => {
    const s = [item('a'), item('b', 'failed'), item('c', 'uploading'), item('d', 'done')];
    expect(
      ['a', 'b', 'c', 'd']
        .reduce((acc, key) => uploadReducer(acc, { type: 'remove', key }), s)
        .map((i) => i.key),
    ).toEqual(['c', 'd']);
    const kinds = ['a', 'b', 'c', 'd'].reduce(
      (acc, key) => uploadReducer(acc, { type: 'kind', key, kind: 'photo' }),
      s,
    );
    expect(kinds.map((i) => i.kind)).toEqual(['photo', 'photo', 'other', 'other']);
  });
});
