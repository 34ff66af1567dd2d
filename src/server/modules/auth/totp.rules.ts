import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { normaliseIdentifier } from '../../../domain/persian-text.js';

/** RFC 6238 with the parameters every authenticator app understands: SHA-1, six digits, 30 seconds. */
const PERIOD_SECONDS = 30;
const ISSUER = 'casebridge';
/** Codes of the step before and after are accepted too (clocks drift, people type slowly). */
const WINDOW = 1;

function totpFor(secret: Secret, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret });
}

/** A new random 160-bit secret, as base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://` URI and its QR code (an SVG data URL) to scan with an authenticator app. */
export async function enrolmentPicture(secretBase32: string, label: string) {
  const otpauthUri = totpFor(Secret.fromBase32(secretBase32), label).toString();
  const svg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { otpauthUri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/**
 * The time step a six-digit code is valid for at `now` (within one step either side), or null.
 * The caller refuses a step not after the last one accepted, so a code is never accepted twice.
 */
export function matchingStep(secretBase32: string, code: string, now: Date): number | null {
  const token = normaliseIdentifier(code);
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(Secret.fromBase32(secretBase32), '').validate({
    token,
    timestamp: now.getTime(),
    window: WINDOW,
  });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
}

/** The code an authenticator app shows at `at` (tests, and the e2e helpers). */
export function totpCodeAt(secretBase32: string, at: Date): string {
  return totpFor(Secret.fromBase32(secretBase32), '').generate({ timestamp: at.getTime() });
}

const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const RECOVERY_CODE_COUNT = 10;

/** Ten recovery codes of 12 characters (60 random bits each), shown as `XXXX-XXXX-XXXX`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % 32]!).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** What is kept of a recovery code: the SHA-256 of its letters (dashes, spaces and case ignored). */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(normaliseIdentifier(code).toUpperCase()).digest('hex');
}

/** Is this what a recovery code looks like (rather than six digits)? */
export const isRecoveryCodeForm = (code: string) => normaliseIdentifier(code).length === 12;
