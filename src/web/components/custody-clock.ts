/** Under this much time left, a custody clock turns red (Art. 46: custody is at most 24 hours). */
export const WARNING_SECONDS = 4 * 60 * 60;

export type ClockState = 'running' | 'warning' | 'overdue';

export interface ClockReading {
  state: ClockState;
  /** Seconds left (running, warning) or seconds past the deadline (overdue); never negative. */
  seconds: number;
}

/** Reads a legal clock at `now`: how long is left, or how long it has been overdue. */
export function readClock(deadline: Date, now: Date): ClockReading {
  const left = Math.floor((deadline.getTime() - now.getTime()) / 1000);
  if (left <= 0) return { state: 'overdue', seconds: -left };
  return { state: left < WARNING_SECONDS ? 'warning' : 'running', seconds: left };
}

/** `HH:MM:SS` with Latin digits; hours are not wrapped at 24. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}
