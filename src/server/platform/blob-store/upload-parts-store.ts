import path from 'node:path';
import type { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import { S3Store } from '@tus/s3-store';
import type { BlobStoreSettings } from './open-blob-store.js';

/**
 * Where a resumable upload's bytes wait until the last one arrives (the tus protocol's data store), beside the
 * node's documents: `DATA_DIR/uploads` when documents are on disk, `<S3_PREFIX>/uploads/` in the same bucket (an
 * S3 multipart upload per upload, so any process of the node can take the next chunk) when they are in S3.
 * `keyOf` turns the id in an upload's URL into the store's id (the bucket's folder in front); `read` and
 * `remove` take the store's id.
 */
export interface UploadPartsStore {
  datastore: FileStore | S3Store;
  keyOf(uploadId: string): string;
  read(key: string): Promise<Readable>;
  /** Removes an upload's bytes and its record in the store; nothing there is no error. */
  remove(key: string): Promise<void>;
}

/** The store for the node's settings (BLOB_STORE and its variables; `dataDir` for the disk). */
export function openUploadPartsStore(settings: BlobStoreSettings, dataDir: string): UploadPartsStore {
  if (settings.kind === 'disk') {
    const datastore = new FileStore({ directory: path.join(dataDir, 'uploads') });
    return {
      datastore,
      keyOf: (uploadId) => uploadId,
      read: (key) => Promise.resolve(datastore.read(key)),
      remove: (key) => datastore.remove(key).catch(() => undefined),
    };
  }
  const datastore = new S3Store({
    // Tags mark finished parts for a bucket's lifecycle rules, which S3-compatible servers do not all know;
    // abandoned uploads are removed by the node itself (`removeExpiredUploads`).
    useTags: false,
    s3ClientConfig: {
      bucket: settings.bucket,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(settings.credentials ? { credentials: settings.credentials } : {}),
    },
  });
  const base = `${settings.prefix ? `${settings.prefix}/` : ''}uploads/`;
  return {
    datastore,
    keyOf: (uploadId) => `${base}${uploadId}`,
    read: (key) => datastore.read(key),
    remove: (key) => datastore.remove(key).catch(() => undefined),
  };
}
