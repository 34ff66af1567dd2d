import type { IncomingMessage } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/client.js';
import { findNotificationsAfter } from './notifications.repository.js';
import { presentNotification } from './notifications.presenter.js';
import type { NotificationHub } from './notification-hub.worker.js';

/** A comment line every this often keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 25_000;
/** What the browser waits before reconnecting by itself. */
const RETRY_MS = 3_000;

/**
 * Streams a user's notifications as server-sent events: first those after `afterSeq` (the browser's
 * `Last-Event-ID` when it reconnects), then each new one as the hub rings. Each event's id is the
 * notification's `seq`, so a reconnection resumes exactly where the last one stopped. Returns what ends
 * the stream (when the node stops).
 */
export function openNotificationStream(input: {
  db: Db;
  hub: NotificationHub;
  userId: string;
  afterSeq: number;
  request: IncomingMessage;
  reply: FastifyReply;
}): () => void {
  const { reply } = input;
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(`retry: ${RETRY_MS}\n\n`);
  let lastSeq = input.afterSeq;
  let closed = false;
  let busy = false;
  let again = false;
  const send = async (): Promise<void> => {
    if (closed) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        const rows = await findNotificationsAfter(input.db, {
          userId: input.userId,
          afterSeq: lastSeq,
          limit: 100,
        });
        for (const row of rows) {
          if (closed) return;
          const event = presentNotification(row);
          res.write(`id: ${event.seq}\nevent: notification\ndata: ${JSON.stringify(event)}\n\n`);
          lastSeq = event.seq;
        }
        if (rows.length === 100) again = true;
      } while (again && !closed);
    } catch {
      // The database is away for a moment: the next ring or heartbeat tries again from the same place.
    } finally {
      busy = false;
    }
  };
  const unsubscribe = input.hub.subscribe(() => void send());
  const heartbeat = setInterval(() => {
    res.write(': keep-alive\n\n');
    void send();
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
  };
  input.request.on('close', close);
  res.on('close', close);
  void send();
  return () => {
    close();
    res.end();
  };
}
