import pg from 'pg';
import { vi } from 'vitest';

/**
 * The statements the connections hand to pg while `work` runs, grouped by round trip: those handed
 * over in the same tick go out back to back (pipelined) and are answered together; each group
 * waited for the answers to the one before.
 */
export async function statementsSent(work: () => Promise<unknown>): Promise<string[][]> {
  const groups: string[][] = [];
  let current: string[] | undefined;
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  const sent = vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (
    this: pg.Client,
    ...args: unknown[]
  ) {
    if (!current) {
      current = [];
      groups.push(current);
      queueMicrotask(() => (current = undefined));
    }
    const [q] = args;
    current.push(typeof q === 'string' ? q : (q as { text: string }).text);
    return original.apply(this, args) as never;
  } as never);
  try {
    await work().catch(() => undefined);
    return groups;
  } finally {
    sent.mockRestore();
  }
}
