import { useCallback, useReducer, useRef } from 'react';
import type { CaseDocument } from '../../../../domain/documents/documents.schema.js';
import { uploadCaseDocument, type UploadDocumentVars } from '../api.js';
import { sendResumingAfterOutage } from './resume-upload.js';

export type UploadStatus = 'pending' | 'uploading' | 'done' | 'failed';

/** A file chosen for upload, and how far it got. */
export interface UploadItem {
  key: string;
  file: File;
  /** Chosen by the user for each file (no default: a wrong kind leaves the checklist unmet); null until then. */
  kind: string | null;
  status: UploadStatus;
  /** 0..1 */
  progress: number;
  error?: unknown;
  /** The document on the server, once done (its id also when a repeat found it already there). */
  documentId?: string;
  document?: CaseDocument;
}

export type UploadAction =
  | { type: 'add'; items: UploadItem[] }
  | { type: 'kind'; key: string; kind: string }
  | { type: 'remove'; key: string }
  | { type: 'start'; key: string }
  | { type: 'progress'; key: string; progress: number }
  | { type: 'done'; key: string; documentId: string; document: CaseDocument | null }
  | { type: 'fail'; key: string; error: unknown };

/** The queue's state changes, pure. A file being uploaded or already uploaded cannot be removed or changed. */
export function uploadReducer(items: UploadItem[], action: UploadAction): UploadItem[] {
  const update = (key: string, change: (i: UploadItem) => UploadItem) =>
    items.map((i) => (i.key === key ? change(i) : i));
  switch (action.type) {
    case 'add':
      return [...items, ...action.items];
    case 'kind':
      return update(action.key, (i) =>
        i.status === 'pending' || i.status === 'failed' ? { ...i, kind: action.kind } : i,
      );
    case 'remove':
      return items.filter((i) => i.key !== action.key || i.status === 'uploading' || i.status === 'done');
    case 'start':
      return update(action.key, (i) => ({ ...i, status: 'uploading', progress: 0, error: undefined }));
    case 'progress':
      return update(action.key, (i) => ({ ...i, progress: action.progress }));
    case 'done':
      return update(action.key, (i) => ({
        ...i,
        status: 'done',
        progress: 1,
        documentId: action.documentId,
        ...(action.document ? { document: action.document } : {}),
      }));
    case 'fail':
      return update(action.key, (i) => ({ ...i, status: 'failed', error: action.error }));
  }
}

let counter = 0;
const newKey = () => `upload-${Date.now()}-${++counter}`;

export type Uploader = (vars: UploadDocumentVars) => Promise<CaseDocument>;

/**
 * Files waiting to be uploaded to a case, uploaded one at a time with progress; failures stay in
 * the list with their error and can be retried. Each file goes through `sendResumingAfterOutage` around
 * `upload` (the one function that sends a file): an outage pauses the queue until the node answers again.
 */
export function useUploadQueue(upload: Uploader = uploadCaseDocument) {
  const [items, dispatch] = useReducer(uploadReducer, []);
  const itemsRef = useRef(items);
  itemsRef.current = items;

  const uploadOne = useCallback(
    async (caseId: string, item: UploadItem): Promise<boolean> => {
      if (item.kind === null) return false;
      const kind = item.kind;
      dispatch({ type: 'start', key: item.key });
      try {
        const sent = await sendResumingAfterOutage(() =>
          upload({
            caseId,
            kind,
            file: item.file,
            onProgress: (progress) => dispatch({ type: 'progress', key: item.key, progress }),
          }),
        );
        dispatch({ type: 'done', key: item.key, ...sent });
        return true;
      } catch (error) {
        dispatch({ type: 'fail', key: item.key, error });
        return false;
      }
    },
    [upload],
  );

  /** Uploads every waiting or failed file whose kind is chosen; true when all of them are on the server. */
  const uploadAll = useCallback(
    async (caseId: string): Promise<boolean> => {
      let ok = true;
      for (const item of itemsRef.current.filter((i) => i.status === 'pending' || i.status === 'failed')) {
        ok = (await uploadOne(caseId, item)) && ok;
      }
      return ok;
    },
    [uploadOne],
  );

  const retry = useCallback(
    (caseId: string, key: string) => {
      const item = itemsRef.current.find((i) => i.key === key);
      return item && item.status === 'failed' ? uploadOne(caseId, item) : Promise.resolve(false);
    },
    [uploadOne],
  );

  const add = useCallback((files: File[], kind: string | null = null): UploadItem[] => {
    const added = files.map((file) => ({
      key: newKey(),
      file,
      kind,
      status: 'pending' as const,
      progress: 0,
    }));
    dispatch({ type: 'add', items: added });
    // Keep the ref current so that an upload started right after adding sees the new files.
    itemsRef.current = [...itemsRef.current, ...added];
    return added;
  }, []);

  return {
    items,
    add,
    /** Whether some file still waits for its kind to be chosen. */
    lacksKind: items.some((i) => i.kind === null && (i.status === 'pending' || i.status === 'failed')),
    setKind: (key: string, kind: string) => {
      dispatch({ type: 'kind', key, kind });
      // Keep the ref current so that an upload started right after choosing sends the kind chosen.
      itemsRef.current = uploadReducer(itemsRef.current, { type: 'kind', key, kind });
    },
    remove: (key: string) => dispatch({ type: 'remove', key }),
    uploadAll,
    retry,
  };
}

export type UploadQueue = ReturnType<typeof useUploadQueue>;
