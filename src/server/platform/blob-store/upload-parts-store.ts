import type { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';

/**
 * Where a resumable upload's bytes wait until the last one arrives (the tus protocol's data store): a folder,
 * `UPLOAD_DIR` (default `DATA_DIR/uploads`), whatever the documents' store — the bytes go on to it once whole.
 * Several processes of a node share the folder (a shared volume) or the balancer keeps an upload's requests on
 * one process (docs/decisions/0028: the bucket is not used for parts, as no S3 server that CI can start knows
 * the multipart calls `@tus/s3-store` needs).
 */
export interface UploadPartsStore {
  datastore: FileStore;
  read(uploadId: string): Readable;
  /** Removes an upload's bytes and its record in the store; nothing there is no error. */
  remove(uploadId: string): Promise<void>;
}

/** The store in `directory` (made if missing). */
export function openUploadPartsStore(directory: string): UploadPartsStore {
  const datastore = new FileStore({ directory });
  return {
    datastore,
    read: (uploadId) => datastore.read(uploadId),
    remove: (uploadId) => datastore.remove(uploadId).catch(() => undefined),
  };
}
