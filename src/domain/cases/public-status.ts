/** What a complainant is told about their case: a few plain states, never the internal workflow. */
export const publicCaseStatuses = [
  'received',
  'sent',
  'registered',
  'returned',
  'closed',
  'in_progress',
] as const;
export type PublicCaseStatus = (typeof publicCaseStatuses)[number];

/**
 * The plain state of a case for its complainant: at the station (`received`) until it leaves, then
 * `sent`, then what the prosecutor's office did with it. Unknown internal states read `in_progress`.
 */
export function publicCaseStatus(status: string): PublicCaseStatus {
  switch (status) {
    case 'draft':
    case 'awaiting_approval':
    case 'submitted':
      return 'received';
    case 'sent':
    case 'delivered':
      return 'sent';
    case 'registered':
      return 'registered';
    case 'returned':
      return 'returned';
    case 'rejected':
    case 'closed':
      return 'closed';
    default:
      return 'in_progress';
  }
}
