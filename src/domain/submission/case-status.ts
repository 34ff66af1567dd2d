/**
 * The life of a station's case file around its sending: a draft is prepared (awaiting the chief's
 * approval), approved and sent, and then answered by the prosecutor's office. Only a draft is editable;
 * a sent case changes only by a supplement (`case.supplemented`).
 */
export const caseStatuses = [
  'draft',
  'awaiting_approval',
  'sent',
  'registered',
  'returned',
  'rejected',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** The office's business answers, each also the case's status once it arrives. */
export const answerStatuses = ['registered', 'returned', 'rejected'] as const;
export type AnswerStatus = (typeof answerStatuses)[number];

/** States in which a supplement may still be sent: after sending, unless the file was rejected. */
const supplementable: readonly string[] = ['sent', 'returned', 'registered'];

/** Can a case in this status be supplemented? */
export function canBeSupplemented(status: string): boolean {
  return supplementable.includes(status);
}

/** Is this status one of the office's answers? */
export function isAnswerStatus(status: string): status is AnswerStatus {
  return (answerStatuses as readonly string[]).includes(status);
}
