import { describe, expect, it } from 'vitest';
import { mergeStations, sortIntakeQueue } from './intake-queue.js';

const file = (id: string, receivedAt: string, custodyDeadlineAt: string | null = null) => ({
  id,
  receivedAt,
  inCustody: custodyDeadlineAt !== null,
  custodyDeadlineAt,
  station: { code: `S${id}`, name: `کلانتری ${id}` },
});

describe('sortIntakeQueue', () => {
  it('puts files with a running custody clock first, the soonest deadline on top, then the rest newest first', () => {
    const sorted = sortIntakeQueue([
      file('old', '2025-11-01T08:00:00Z'),
      file('custody-late', '2025-11-01T07:00:00Z', '2025-11-02T07:00:00Z'),
      file('new', '2025-11-03T08:00:00Z'),
      file('custody-soon', '2025-11-02T05:00:00Z', '2025-11-02T03:00:00Z'),
    ]);
    expect(sorted.map((f) => f.id)).toEqual(['custody-soon', 'custody-late', 'new', 'old']);
  });

  it('treats a file whose custody has ended as an ordinary file', () => {
    const ended = { ...file('ended', '2025-11-01T08:00:00Z', '2025-11-02T00:00:00Z'), inCustody: false };
    const sorted = sortIntakeQueue([ended, file('newer', '2025-11-02T08:00:00Z')]);
    expect(sorted.map((f) => f.id)).toEqual(['newer', 'ended']);
  });

  it('does not change the list it is given', () => {
    const items = [file('a', '2025-11-01T08:00:00Z'), file('b', '2025-11-02T08:00:00Z')];
    sortIntakeQueue(items);
    expect(items.map((f) => f.id)).toEqual(['a', 'b']);
  });
});

describe('mergeStations', () => {
  it('remembers every station seen, and keeps the same map when nothing is new', () => {
    const first = mergeStations(new Map(), [file('1', 'x'), file('2', 'x')]);
    expect([...first.keys()]).toEqual(['S1', 'S2']);
    expect(mergeStations(first, [file('1', 'x')])).toBe(first);
    expect([...mergeStations(first, [file('3', 'x')]).keys()]).toEqual(['S1', 'S2', 'S3']);
  });
});
