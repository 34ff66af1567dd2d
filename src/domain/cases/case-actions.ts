import type { z } from 'zod';
import { allowedSteps, stepFlagsSchema, type ItemState, type ItemSteps } from '../item-steps.js';
import type { Actor } from '../permissions.js';
import { canBeSupplemented } from '../submission/case-status.js';

/** A station's case as its steps see it: its organisation and its status (`case-status.ts`). */
export type CaseState = ItemState;

const isDraft = (c: CaseState) => c.status === 'draft';
const awaitsApproval = (c: CaseState) => c.status === 'awaiting_approval';
const always = () => true;
const notSentYet = (c: CaseState) => c.status === 'draft' || c.status === 'awaiting_approval';

/**
 * What can be done to a case, and in which states: a draft is edited (its fields, parties, custody
 * starts and documents: added, re-classified, removed) and put forward; a prepared case is approved and sent, or withdrawn to draft, by
 * the chief; a sent case changes only by a supplement (not once rejected). A custody can be ended and an
 * escort asked for in any state — the hand-over to the prosecutor usually comes after the file.
 */
export const caseSteps = {
  update: { action: 'case.update', when: isDraft, refusal: 'cases.not_editable' },
  uploadDocument: { action: 'case.document.upload', when: isDraft, refusal: 'cases.not_editable' },
  classifyDocument: { action: 'case.document.classify', when: isDraft, refusal: 'cases.not_editable' },
  removeDocument: { action: 'case.document.remove', when: isDraft, refusal: 'cases.not_editable' },
  endCustody: { action: 'case.update', when: always, refusal: 'cases.invalid_state' },
  prepareSubmission: { action: 'case.submit.prepare', when: isDraft, refusal: 'cases.not_editable' },
  approveSubmission: { action: 'case.submit.approve', when: awaitsApproval, refusal: 'cases.invalid_state' },
  withdrawSubmission: { action: 'case.submit.approve', when: awaitsApproval, refusal: 'cases.invalid_state' },
  supplement: {
    action: 'case.submit.prepare',
    when: (c) => canBeSupplemented(c.status),
    refusal: 'cases.invalid_state',
  },
  requestEscort: { action: 'escort.request', when: always, refusal: 'cases.invalid_state' },
  /** A file not sent electronically may have gone on paper: the station records it (issue 21, point 4). */
  recordPaper: { action: 'paper.record', when: notSentYet, refusal: 'cases.invalid_state' },
} as const satisfies ItemSteps<CaseState, string>;

export type CaseStep = keyof typeof caseSteps;

/** The `allowed` flags of a case: the steps this actor may take on it now. */
export const caseActionsSchema = stepFlagsSchema(caseSteps);
export type CaseActions = z.infer<typeof caseActionsSchema>;

/** What this actor may do to this case now, from the one matrix and the case's status. Pure. */
export function caseActions(actor: Actor, item: CaseState): CaseActions {
  return allowedSteps(caseSteps, actor, item);
}
