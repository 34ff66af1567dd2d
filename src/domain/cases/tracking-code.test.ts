import { describe, expect, it } from 'vitest';
import {
  formatTrackingCode,
  normaliseTrackingCode,
  TRACKING_ALPHABET,
  TRACKING_CODE_LENGTH,
} from './tracking-code.js';

describe('tracking codes', () => {
  it('use no characters people confuse, and carry at least 40 bits', () => {
    for (const ch of '01OIL') expect(TRACKING_ALPHABET).not.toContain(ch);
    expect(new Set(TRACKING_ALPHABET).size).toBe(TRACKING_ALPHABET.length);
    expect(TRACKING_CODE_LENGTH * Math.log2(TRACKING_ALPHABET.length)).toBeGreaterThanOrEqual(40);
  });

  it('print in groups of three', () => {
    expect(formatTrackingCode('K7M4QX9TR')).toBe('K7M-4QX-9TR');
  });

  it('read back however they were typed, and refuse what cannot be one', () => {
    expect(normaliseTrackingCode(' k7m ۴qx-9tr ')).toBe('K7M-4QX-9TR');
    expect(normaliseTrackingCode('K7M-4QX-9T')).toBeNull();
    expect(normaliseTrackingCode('K7M-4QX-9T0')).toBeNull();
  });
});
