import { normaliseIdentifier } from './persian-text.js';

/**
 * Iran's national ID (کد ملی): 10 digits, the last a check digit.
 * check = Σ digit[i] × (10 − i) for i in 0..8, mod 11; valid when
 * (r < 2 and last = r) or (r ≥ 2 and last = 11 − r). Ten identical digits are rejected, and so are IDs whose
 * digits 4–9 are all zero (`1230000003`): the registry never issues them, so one is a made-up or mistyped ID.
 * Accepts Persian, Arabic or Latin digits and separators; see `normaliseNationalId`.
 */
export function isValidNationalId(input: string): boolean {
  const id = normaliseNationalId(input);
  if (!/^\d{10}$/.test(id)) return false;
  if (/^(\d)\1{9}$/.test(id)) return false;
  if (/^\d{3}0{6}/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(id[i]) * (10 - i);
  const r = sum % 11;
  const check = Number(id[9]);
  return r < 2 ? check === r : check === 11 - r;
}

/** The stored form of a national ID: Latin digits only, no separators. */
export function normaliseNationalId(input: string): string {
  return normaliseIdentifier(input);
}

/** Computes the check digit for nine leading digits (used by the demo generator and tests). */
export function nationalIdCheckDigit(first9: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * (10 - i);
  const r = sum % 11;
  return r < 2 ? r : 11 - r;
}
