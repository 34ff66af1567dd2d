import { randomInt } from 'node:crypto';
import {
  formatTrackingCode,
  TRACKING_ALPHABET,
  TRACKING_CODE_LENGTH,
} from '../../../domain/cases/tracking-code.js';

/**
 * A fresh tracking code from the operating system's CSPRNG: nine symbols of a 31-letter alphabet
 * (≈ 44.6 bits), each drawn without modulo bias by `randomInt`, printed as `K7M-4QX-9TR`.
 */
export function newTrackingCode(): string {
  let symbols = '';
  for (let i = 0; i < TRACKING_CODE_LENGTH; i++)
    symbols += TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)];
  return formatTrackingCode(symbols);
}
