import pg from 'pg';
import type { Logger } from 'pino';

/** The channel migration 0009's trigger notifies when a commit put messages in the outbox. */
export const OUTBOX_CHANNEL = 'casebridge_outbox';

/**
 * Listens on its own connection for the database's notice that a commit put messages in the
 * outbox, and calls `onNotice` — how `casebridge worker` processes learn of a new message at once
 * instead of at their next poll. When the connection drops it reconnects (after `retryMs`) and
 * calls `onNotice` once, for whatever was committed meanwhile; the worker's poll covers the gap.
 */
export function listenForOutbox(input: {
  url: string;
  onNotice: () => void;
  log: Logger;
  retryMs?: number;
}): { close(): Promise<void> } {
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const scheduleRetry = () => {
    if (closed || retry) return;
    retry = setTimeout(() => void connect(), input.retryMs ?? 1000);
  };
  const connect = async () => {
    retry = undefined;
    // A stalled server would leave a connection attempt waiting forever: give up and retry instead.
    const candidate = new pg.Client({ connectionString: input.url, connectionTimeoutMillis: 5000 });
    candidate.on('notification', () => input.onNotice());
    candidate.on('error', () => undefined); // 'end' follows and reconnects
    candidate.on('end', () => {
      if (client === candidate) client = undefined;
      scheduleRetry();
    });
    try {
      await candidate.connect();
      await candidate.query(`listen ${OUTBOX_CHANNEL}`);
      client = candidate;
      if (closed) await candidate.end();
      else input.onNotice();
    } catch (error) {
      input.log.warn(
        { err: { message: (error as Error).message } },
        'outbox listener: not connected; retrying',
      );
      await candidate.end().catch(() => undefined);
      scheduleRetry();
    }
  };
  void connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
