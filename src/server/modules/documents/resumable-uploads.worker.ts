import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import type { UploadPartsStore } from '../../platform/blob-store/upload-parts-store.js';
import type { Clock } from '../../platform/clock.js';
import { removeExpiredUploads } from './resumable-uploads.usecase.js';

/** The longest between two sweeps for abandoned uploads (a quarter of the expiry when that is shorter). */
const SWEEP_EVERY_MS = 60 * 60_000;

/**
 * Sweeps abandoned resumable uploads (`removeExpiredUploads`) now and then, in every serving process (the sweep
 * is safe to run twice at once). Returns the function that stops it.
 */
export function startUploadSweeper(input: {
  db: Db;
  clock: Clock;
  parts: UploadPartsStore;
  expiryMs: number;
  log: Logger;
}): () => void {
  const sweep = () => {
    removeExpiredUploads(input).then(
      (removed) => {
        if (removed > 0) input.log.info({ removed }, 'abandoned uploads removed');
      },
      (error: unknown) => input.log.warn({ err: error }, 'sweeping abandoned uploads failed'),
    );
  };
  const timer = setInterval(sweep, Math.min(SWEEP_EVERY_MS, Math.max(60_000, input.expiryMs / 4)));
  timer.unref();
  return () => clearInterval(timer);
}
