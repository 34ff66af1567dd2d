import { createHash, createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** The complainant's one-time code (issue 19, point 5): 6 digits, valid 5 minutes, 5 tries. */
export const TRACKING_OTP = {
  digits: 6,
  validMs: 5 * 60_000,
  tries: 5,
  /** Codes made for one case within `windowMs` (more are answered alike, and not sent). */
  perCase: 3,
  /** Requests from one client address within `windowMs`, whatever they ask about (then 429). */
  perAddress: 10,
  windowMs: 15 * 60_000,
} as const;

/** A fresh code, uniform over 000000–999999. */
export function makeOtp(): string {
  return String(randomInt(10 ** TRACKING_OTP.digits)).padStart(TRACKING_OTP.digits, '0');
}

/** The code as stored: bound to its case, so that a hash says nothing about another case's code. */
export function hashOtp(caseId: string, otp: string): string {
  return createHash('sha256').update(`${caseId}:${otp}`).digest('hex');
}

/** Whether a typed code matches the stored hash (constant time). */
export function otpMatches(caseId: string, typed: string, storedHash: string): boolean {
  const a = Buffer.from(hashOtp(caseId, typed), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The last four digits of a mobile number, masked: `***4567`. */
export function maskPhone(phone: string): string {
  return `***${phone.slice(-4)}`;
}

/**
 * The hint answered for a question that matched no case: four digits derived from the question with the
 * deployment's key, so that asking again gives the same answer and it cannot be told from a real one.
 */
export function decoyHint(key: string, question: string): string {
  const n = createHmac('sha256', key).update(question).digest().readUInt32BE(0) % 10_000;
  return `***${String(n).padStart(4, '0')}`;
}

/** The SMS's text: the configured template (checked at start to hold `{code}`) with the code in it. */
export function otpText(template: string, otp: string): string {
  return template.replaceAll('{code}', otp);
}
