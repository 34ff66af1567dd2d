import type { BlobStore } from './blob-store.js';
import { createFsBlobStore } from './fs-blob-store.js';
import { checkS3BlobStore, createS3BlobStore, type S3BlobStoreOptions } from './s3-blob-store.js';

/** Which store a node's documents live in (BLOB_STORE and its variables, read by `config.ts`). */
export type BlobStoreSettings = { kind: 'disk'; root: string } | ({ kind: 's3' } & S3BlobStoreOptions);

/** The store the settings name; `onError` counts the S3 store's failed calls (the disk's throw as they are). */
export function openBlobStore(settings: BlobStoreSettings, onError?: (operation: string) => void): BlobStore {
  if (settings.kind === 'disk') return createFsBlobStore(settings.root);
  const { kind: _kind, ...options } = settings;
  return createS3BlobStore({ ...options, ...(onError ? { onError } : {}) });
}

/**
 * Checks at start that the store can be used — for S3, that the endpoint answers, the bucket exists and the
 * credentials are taken — else throws a `ConfigError` naming the variable.
 */
export async function checkBlobStore(settings: BlobStoreSettings): Promise<void> {
  if (settings.kind === 's3') {
    const { kind: _kind, ...options } = settings;
    await checkS3BlobStore(options);
  }
}
