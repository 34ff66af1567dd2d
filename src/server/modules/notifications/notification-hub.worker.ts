import type { Db } from '../../db/client.js';
import { findLatestNotificationSeq } from './notifications.repository.js';

/**
 * Tells the open notification streams of this process that something new may be there. Rung at once by
 * the scheduler of this process; and, while at least one stream is open, it reads the newest
 * notification's number every `pollMs` (one indexed read per process, whatever the number of streams),
 * so that notifications written by a `casebridge worker` reach the node's streams too.
 */
export interface NotificationHub {
  subscribe(listener: () => void): () => void;
  ring(): void;
  close(): void;
}

export function createNotificationHub(input: { db: Db; pollMs?: number }): NotificationHub {
  const listeners = new Set<() => void>();
  let timer: NodeJS.Timeout | undefined;
  let latest = -1;
  let reading = false;
  const ring = () => {
    for (const listener of listeners) listener();
  };
  const poll = async () => {
    if (reading) return;
    reading = true;
    try {
      const seq = await findLatestNotificationSeq(input.db);
      if (latest >= 0 && seq !== latest) ring();
      latest = seq;
    } catch {
      // The database is away: the next poll tries again; the streams keep their place.
    } finally {
      reading = false;
    }
  };
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    latest = -1;
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!timer) {
        void poll();
        timer = setInterval(() => void poll(), input.pollMs ?? 1000);
        timer.unref();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
    ring,
    close: () => {
      listeners.clear();
      stop();
    },
  };
}
