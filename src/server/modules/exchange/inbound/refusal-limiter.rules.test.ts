import { describe, expect, it } from 'vitest';
import { createRefusalLimiter } from './refusal-limiter.rules.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 1, 8, 0, seconds));

describe('the limiter of refusals', () => {
  it('admits a key\u2019s refusals up to the limit in a minute, then tells how long to wait until the minute is over', () => {
    const limiter = createRefusalLimiter({ perMinute: 3 });
    expect([1, 2, 3].map(() => limiter.count('a', at(0)))).toEqual([0, 0, 0]);
    expect(limiter.retryAfter('a', at(10))).toBe(50);
    expect(limiter.count('a', at(10))).toBe(50);
    expect(limiter.retryAfter('b', at(10))).toBe(0);
    expect(limiter.retryAfter('a', at(60))).toBe(0);
    expect(limiter.count('a', at(60))).toBe(0);
  });

  it('holds at most its number of keys, forgetting ended windows first and then the oldest', () => {
    const limiter = createRefusalLimiter({ perMinute: 1, maxKeys: 2 });
    limiter.count('old', at(0));
    limiter.count('kept', at(30));
    limiter.count('new', at(61)); // 'old' has ended: swept
    expect(limiter.retryAfter('kept', at(61))).toBe(29);
    limiter.count('newer', at(62)); // full of live windows: the oldest ('kept') goes
    expect(limiter.retryAfter('kept', at(62))).toBe(0);
    expect(limiter.retryAfter('new', at(62))).toBe(59);
  });
});
