import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnection } from './connection.js';

describe('the connection to the node', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks again with a doubling wait while the node does not answer, and says when it is back', async () => {
    const answers = [false, false, true];
    const probe = vi.fn(async () => answers.shift() ?? true);
    const node = createConnection({ probe, baseDelayMs: 1000, maxDelayMs: 30_000 });
    const heard = vi.fn();
    node.subscribe(heard);
    let back = false;
    node.reportUnreachable();
    void node.whenReachable().then(() => (back = true));
    expect(node.getSnapshot()).toMatchObject({ reachable: false });
    expect(node.getSnapshot().retryAt).toBe(Date.now() + 1000);

    await vi.advanceTimersByTimeAsync(999);
    expect(probe).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(probe).toHaveBeenCalledTimes(1);
    // Second wait: two seconds, then four.
    expect(node.getSnapshot().retryAt).toBe(Date.now() + 2000);
    await vi.advanceTimersByTimeAsync(2000);
    expect(probe).toHaveBeenCalledTimes(2);
    expect(node.getSnapshot().retryAt).toBe(Date.now() + 4000);
    expect(back).toBe(false);
    await vi.advanceTimersByTimeAsync(4000);
    expect(probe).toHaveBeenCalledTimes(3);
    expect(node.getSnapshot()).toEqual({ reachable: true, retryAt: null });
    expect(back).toBe(true);
    expect(heard).toHaveBeenCalled();
    // Found again: no more probes.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(probe).toHaveBeenCalledTimes(3);
  });

  it('never waits longer than the longest wait, and a probe that throws counts as no answer', async () => {
    const probe = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const node = createConnection({ probe, baseDelayMs: 1000, maxDelayMs: 3000 });
    node.reportUnreachable();
    await vi.advanceTimersByTimeAsync(1000 + 2000 + 3000);
    expect(probe).toHaveBeenCalledTimes(3);
    expect(node.getSnapshot().retryAt).toBe(Date.now() + 3000);
  });

  it('is found again by any answer, and "try now" asks at once', async () => {
    const probe = vi.fn(async () => true);
    const node = createConnection({ probe });
    node.reportUnreachable();
    await node.tryNow();
    expect(probe).toHaveBeenCalledTimes(1);
    expect(node.getSnapshot().reachable).toBe(true);
    node.reportUnreachable();
    node.reportReachable();
    expect(node.getSnapshot().reachable).toBe(true);
    await expect(node.whenReachable()).resolves.toBeUndefined();
  });
});
