import type { FieldIssue } from '../../domain/errors.js';
import { ApiError, NETWORK_ERROR } from './client.js';

export interface UploadOptions {
  url: string;
  /** Text fields, sent before the file (the server reads `kind` before it streams the file). */
  fields: Record<string, string>;
  file: File;
  /** 0..1, as bytes leave the browser. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * Uploads one file as multipart/form-data with XMLHttpRequest, because fetch cannot report
 * upload progress. Resolves with the JSON answer; rejects with ApiError like `apiRequest`.
 */
export function uploadFile<T>({ url, fields, file, onProgress, signal }: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve(body as T);
        return;
      }
      const e = (
        body as
          | { error?: { code?: unknown; message?: unknown; issues?: FieldIssue[]; details?: unknown } }
          | undefined
      )?.error;
      reject(
        new ApiError(
          xhr.status,
          typeof e?.code === 'string' ? e.code : 'internal.error',
          typeof e?.message === 'string' ? e.message : xhr.statusText,
          Array.isArray(e?.issues) ? e.issues : [],
          // What the server added (e.g. the document a duplicate's bytes already are: `documents.duplicate`).
          typeof e?.details === 'object' && e.details !== null ? (e.details as Record<string, unknown>) : {},
        ),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR, 'network error'));
    xhr.onabort = () => reject(new DOMException('upload aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });

    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
