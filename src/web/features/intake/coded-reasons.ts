/** One coded item of a return for completion (نقص) or a rejection, with the clerk's explanation. */
export interface CodedReason<C extends string = string> {
  code: C;
  text: string;
}

/** Picks or unpicks a code, keeping the order of the code list and the text already typed for the others. */
export function toggleReason<C extends string>(
  codes: readonly C[],
  picked: readonly CodedReason<C>[],
  code: C,
  on: boolean,
): CodedReason<C>[] {
  const rest = picked.filter((r) => r.code !== code);
  const next = on ? [...rest, { code, text: picked.find((r) => r.code === code)?.text ?? '' }] : rest;
  return next.sort((a, b) => codes.indexOf(a.code) - codes.indexOf(b.code));
}

/** Sets the explanation of a picked code. */
export function setReasonText<C extends string>(
  picked: readonly CodedReason<C>[],
  code: C,
  text: string,
): CodedReason<C>[] {
  return picked.map((r) => (r.code === code ? { ...r, text } : r));
}

export const MAX_REASON_TEXT = 2000;

/**
 * What is wrong with a list of picked reasons, as an i18n key, or null when it can be sent: at least one
 * code; "other" says nothing by itself, so it needs a text; no text longer than the server accepts.
 */
export function reasonsProblem(picked: readonly CodedReason[]): string | null {
  if (picked.length === 0) return 'intake.reasons.noneChosen';
  if (picked.some((r) => r.code.endsWith('.other') && r.text.trim() === ''))
    return 'intake.reasons.otherNeedsText';
  if (picked.some((r) => r.text.length > MAX_REASON_TEXT)) return 'intake.reasons.tooLong';
  return null;
}
