import type { IntakeSummary } from '../../../domain/intake/intake.schema.js';

/** Is the file's custody clock (Art. 46) still running, i.e. someone is held and waiting on this office? */
export function hasRunningCustody(file: Pick<IntakeSummary, 'inCustody' | 'custodyDeadlineAt'>): boolean {
  return file.inCustody && file.custodyDeadlineAt !== null;
}

/**
 * The order a clerk works the queue in: files with a running custody clock first, the one that runs out
 * soonest on top; then everything else, newest first. The server pages in this order too; sorting again
 * here keeps a page right when a clock is added or ends between two reads.
 */
export function sortIntakeQueue<
  T extends Pick<IntakeSummary, 'inCustody' | 'custodyDeadlineAt' | 'receivedAt'>,
>(items: readonly T[]): T[] {
  const time = (iso: string | null) => (iso ? new Date(iso).getTime() : 0);
  return [...items].sort((a, b) => {
    const ca = hasRunningCustody(a);
    const cb = hasRunningCustody(b);
    if (ca !== cb) return ca ? -1 : 1;
    if (ca) return time(a.custodyDeadlineAt) - time(b.custodyDeadlineAt);
    return time(b.receivedAt) - time(a.receivedAt);
  });
}

/** The stations seen so far (so that a filter does not hide the others from its own list), by code. */
export function mergeStations(
  known: ReadonlyMap<string, string>,
  items: readonly Pick<IntakeSummary, 'station'>[],
): Map<string, string> {
  let changed = false;
  const next = new Map(known);
  for (const { station } of items) {
    if (next.get(station.code) !== station.name) {
      next.set(station.code, station.name);
      changed = true;
    }
  }
  return changed ? next : (known as Map<string, string>);
}
