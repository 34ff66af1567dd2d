/**
 * Whether the node answers. A request that cannot reach it (a network error) or that it answers 503
 * `service.unavailable` (its database away) marks it unreachable; from then on the node is asked (`probe`)
 * again with a doubling wait until it answers, and every listener hears when it is back — the query client
 * then refetches every screen's data and resumes paused mutations, and upload queues go on.
 */
export interface ConnectionOptions {
  /** Does the node answer now? (`GET /readyz`: anything but a network error or a 503.) */
  probe: () => Promise<boolean>;
  baseDelayMs?: number;
  maxDelayMs?: number;
  now?: () => number;
}

export interface ConnectionSnapshot {
  reachable: boolean;
  /** When the next try is due (ms since the epoch), while unreachable. */
  retryAt: number | null;
}

export function createConnection({
  probe,
  baseDelayMs = 1000,
  maxDelayMs = 30_000,
  now = () => Date.now(),
}: ConnectionOptions) {
  let snapshot: ConnectionSnapshot = { reachable: true, retryAt: null };
  let attempts = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let probing = false;
  const listeners = new Set<() => void>();
  let waiters: (() => void)[] = [];

  const set = (next: ConnectionSnapshot) => {
    snapshot = next;
    for (const listener of listeners) listener();
  };

  const schedule = () => {
    if (timer !== null) clearTimeout(timer);
    const delay = Math.min(baseDelayMs * 2 ** attempts, maxDelayMs);
    attempts += 1;
    set({ reachable: false, retryAt: now() + delay });
    timer = setTimeout(() => void tryNow(), delay);
  };

  const reachable = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    attempts = 0;
    if (snapshot.reachable) return;
    set({ reachable: true, retryAt: null });
    const waiting = waiters;
    waiters = [];
    for (const resolve of waiting) resolve();
  };

  /** Asks the node at once (the banner's "try now", the browser's `online` event). */
  async function tryNow(): Promise<void> {
    if (snapshot.reachable || probing) return;
    probing = true;
    let answered = false;
    try {
      answered = await probe();
    } catch {
      answered = false;
    } finally {
      probing = false;
    }
    if (answered) reachable();
    else if (!snapshot.reachable) schedule();
  }

  return {
    getSnapshot: () => snapshot,
    subscribe: (listener: () => void): (() => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** A request did not reach the node, or it said it cannot serve: start asking again with back-off. */
    reportUnreachable: (): void => {
      if (snapshot.reachable) schedule();
    },
    /** A request got an answer: the node is there. */
    reportReachable: reachable,
    tryNow,
    /** Resolves at once when reachable, else when the node answers again. */
    whenReachable: (): Promise<void> => {
      if (snapshot.reachable) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}

export type Connection = ReturnType<typeof createConnection>;

/** The node of this page: asked at `/readyz`, which answers 503 while the database is away. */
export const connection = createConnection({
  probe: async () => {
    const response = await fetch('/readyz', { cache: 'no-store' });
    return response.status !== 503;
  },
});

/** Does this answer say the node cannot serve now (rather than refusing the request)? */
export const isUnavailableStatus = (status: number, code: string) =>
  status === 0 || (status === 503 && code === 'service.unavailable');
