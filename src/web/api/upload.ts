import { DetailedError, Upload } from 'tus-js-client';
import type { FieldIssue } from '../../domain/errors.js';
import { ApiError, NETWORK_ERROR } from './client.js';

export interface UploadOptions {
  /** The single-request upload route of the case (`/api/cases/<id>/documents`): the upload stands for it. */
  url: string;
  /** Text fields (`kind`), sent ahead of the bytes. */
  fields: Record<string, string>;
  file: File;
  /** 0..1, as bytes leave the browser. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** The node's resumable upload endpoint (tus 1.0; docs/decisions/0028). */
const RESUMABLE_ENDPOINT = '/api/uploads';
/** Bytes per PATCH: a dropped link costs at most the chunk under way, and no request outlives the server's timeout. */
const CHUNK_BYTES = 32 * 1024 * 1024;
/** Waits before tus-js-client resumes by itself after a failed request (ms); the upload queue's retry comes after. */
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000];

/** The API's error from a tus request's answer (its body is the API's error JSON), or a network error. */
function toApiError(error: Error): ApiError {
  const response = error instanceof DetailedError ? error.originalResponse : null;
  if (!response) return new ApiError(0, NETWORK_ERROR, 'network error');
  let body: unknown;
  try {
    body = JSON.parse(response.getBody());
  } catch {
    body = undefined;
  }
  const e = (
    body as
      { error?: { code?: unknown; message?: unknown; issues?: FieldIssue[]; details?: unknown } } | undefined
  )?.error;
  return new ApiError(
    response.getStatus(),
    typeof e?.code === 'string' ? e.code : 'internal.error',
    typeof e?.message === 'string' ? e.message : 'upload failed',
    Array.isArray(e?.issues) ? e.issues : [],
    // What the server added (e.g. the document a duplicate's bytes already are: `documents.duplicate`).
    typeof e?.details === 'object' && e.details !== null ? (e.details as Record<string, unknown>) : {},
  );
}

/**
 * Uploads one file with the tus protocol (`tus-js-client`), resuming where the server's bytes end: after a
 * dropped connection by itself, and after a page reload from the fingerprint kept in localStorage (the route,
 * the kind and the file's name, size and date — the same file for another case starts anew). Resolves with the
 * JSON the last request answers (the document); rejects with ApiError like `apiRequest`.
 */
export function uploadFile<T>({ url, fields, file, onProgress, signal }: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const upload = new Upload(file, {
      endpoint: RESUMABLE_ENDPOINT,
      metadata: { ...fields, target: url, filename: file.name },
      chunkSize: CHUNK_BYTES,
      retryDelays: RETRY_DELAYS,
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      fingerprint: (f: File) =>
        Promise.resolve(['casebridge', url, fields.kind ?? '', f.name, f.size, f.lastModified].join('|')),
      onProgress: (sent, total) => {
        if (total > 0) onProgress?.(sent / total);
      },
      onSuccess: ({ lastResponse }) => {
        onProgress?.(1);
        try {
          resolve(JSON.parse(lastResponse.getBody()) as T);
        } catch {
          reject(new ApiError(lastResponse.getStatus(), 'internal.error', 'no document in the answer', []));
        }
      },
      onError: (error) => reject(toApiError(error)),
    });
    signal?.addEventListener(
      'abort',
      () => {
        void upload.abort();
        reject(new DOMException('upload aborted', 'AbortError'));
      },
      { once: true },
    );
    // No localStorage (a private window that refuses it): the upload starts from its first byte.
    void upload
      .findPreviousUploads()
      .catch(() => [])
      .then((previous) => {
        if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
        upload.start();
      });
  });
}
