/**
 * Counts what the exchange endpoints refuse, per key (a source address, a claimed peer), in fixed
 * one-minute windows held in memory.
 *
 * Why in memory, not @fastify/rate-limit nor a counter table: only *refused* traffic may count (a
 * trusted peer's valid messages must never be slowed down), and what is refused is known only after
 * the body was read and checked — @fastify/rate-limit counts every request as it arrives. A counter
 * table would cost a database write for every junk request, the very load being fended off. The
 * windows are per process and forgotten on restart: they bound the rate, the bounded records in
 * `refused_messages` keep the history.
 */

export interface RefusalLimiter {
  /** Seconds until `key` may be refused again: 0 while it has refusals left in this window. */
  retryAfter(key: string, now: Date): number;
  /** Counts one refusal against `key`: 0 if it was within the limit, else the seconds to wait. */
  count(key: string, now: Date): number;
}

interface Window {
  startedAt: number;
  count: number;
}

const WINDOW_MS = 60_000;

/**
 * A limiter allowing `perMinute` refusals per key and window; beyond that, `retryAfter` tells until the
 * window ends. At most `maxKeys` windows are held (ended ones are swept first, then the oldest), so an
 * attacker inventing keys cannot grow the process's memory.
 */
export function createRefusalLimiter(input: { perMinute: number; maxKeys?: number }): RefusalLimiter {
  const maxKeys = input.maxKeys ?? 10_000;
  const windows = new Map<string, Window>();

  const current = (key: string, at: number): Window | undefined => {
    const window = windows.get(key);
    if (window && at - window.startedAt < WINDOW_MS) return window;
    if (window) windows.delete(key);
    return undefined;
  };
  /** Seconds to wait when the window holds `limit` refusals or more. */
  const wait = (window: Window | undefined, at: number, limit: number): number =>
    window && window.count >= limit ? Math.ceil((window.startedAt + WINDOW_MS - at) / 1000) : 0;
  const makeRoom = (at: number) => {
    if (windows.size < maxKeys) return;
    for (const [key, window] of windows) if (at - window.startedAt >= WINDOW_MS) windows.delete(key);
    while (windows.size >= maxKeys) windows.delete(windows.keys().next().value as string);
  };

  return {
    retryAfter(key, now) {
      const at = now.getTime();
      return wait(current(key, at), at, input.perMinute);
    },
    count(key, now) {
      const at = now.getTime();
      let window = current(key, at);
      if (!window) {
        makeRoom(at);
        window = { startedAt: at, count: 0 };
        windows.set(key, window);
      }
      window.count++;
      return wait(window, at, input.perMinute + 1);
    },
  };
}
