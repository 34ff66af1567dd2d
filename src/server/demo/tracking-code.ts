import {
  formatTrackingCode,
  TRACKING_ALPHABET,
  TRACKING_CODE_LENGTH,
} from '../../domain/cases/tracking-code.js';
import type { Random } from './random.js';

/**
 * A complainant's tracking code (`K7M-4QX-9TR`, the cases module's alphabet and format) drawn from
 * the demo's seeded generator: the cases module draws real ones from `node:crypto`, while the demo
 * needs them reproducible from the seed.
 */
export function demoTrackingCode(random: Random): string {
  let symbols = '';
  for (let i = 0; i < TRACKING_CODE_LENGTH; i++)
    symbols += TRACKING_ALPHABET.charAt(random.int(0, TRACKING_ALPHABET.length - 1));
  return formatTrackingCode(symbols);
}
