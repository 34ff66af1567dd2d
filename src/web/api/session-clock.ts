/**
 * When the signed-in session ends, on this browser's clock, and whether it has ended. Every answer to a
 * signed-in request says when (the `x-session-expires-at` header; the session slides), corrected by the
 * answer's `Date` for a browser whose clock is wrong. A 401 to a user who was signed in ends it at once.
 */
export interface SessionClockSnapshot {
  /** The end, in ms since the epoch on this browser's clock; null before any answer said. */
  endsAt: number | null;
  ended: boolean;
}

export function createSessionClock(now: () => number = () => Date.now()) {
  let snapshot: SessionClockSnapshot = { endsAt: null, ended: false };
  const listeners = new Set<() => void>();
  const set = (next: SessionClockSnapshot) => {
    if (next.endsAt === snapshot.endsAt && next.ended === snapshot.ended) return;
    snapshot = next;
    for (const listener of listeners) listener();
  };
  return {
    getSnapshot: () => snapshot,
    subscribe: (listener: () => void): (() => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** The server said the session ends at `expiresAt` (ISO), in an answer sent at `serverDate` (HTTP date). */
    note: (expiresAt: string, serverDate?: string | null): void => {
      const end = Date.parse(expiresAt);
      if (Number.isNaN(end)) return;
      const sent = serverDate ? Date.parse(serverDate) : Number.NaN;
      const endsAt = Number.isNaN(sent) ? end : now() + (end - sent);
      set({ endsAt, ended: endsAt <= now() });
    },
    /** The server refused the session (401), or its end has passed here. */
    markEnded: (): void => {
      set({ ...snapshot, ended: true });
    },
    /** Signed out: nothing to warn about. */
    forget: (): void => {
      set({ endsAt: null, ended: false });
    },
  };
}

export type SessionClock = ReturnType<typeof createSessionClock>;

/** This page's session. */
export const sessionClock = createSessionClock();
