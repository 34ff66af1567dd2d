/**
 * The legal basis and length of the clocks that are not custody's or an order's (those carry theirs where
 * they open). The thresholds at which each warns are the `clock_thresholds` table; these are the terms.
 */

const HOUR_MS = 3_600_000;

/** A complaint is sent to the prosecutor's office "at once" (Art. 37): the station has 24 hours. */
export const COMPLAINT_SEND = { legalBasis: 'CPC 1392 Art. 37', ms: 24 * HOUR_MS } as const;

/** The escort unit picks the person up by the time the station asked for (its request is the term). */
export const ESCORT_PICKUP = { legalBasis: 'CPC 1392 Art. 46 (escort request)' } as const;

/**
 * An office registers, returns or rejects a file it received within its working days (default 3, per
 * office: `organisations.intake_working_days`), so that a file is never left "not taken on file".
 */
export const INTAKE_UNREGISTERED = { legalBasis: 'Office intake term (working days)' } as const;

/** A station answers a return for completion (نقص) within 10 days. */
export const RETURN_UNANSWERED = {
  legalBasis: 'Return for completion (10 days)',
  ms: 240 * HOUR_MS,
} as const;
