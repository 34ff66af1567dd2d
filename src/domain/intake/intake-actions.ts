import type { z } from 'zod';
import { allowedSteps, stepFlagsSchema, type ItemState, type ItemSteps } from '../item-steps.js';
import type { Actor } from '../permissions.js';

/** An incoming file as its steps see it: the office it belongs to and its status (`intakeStatuses`). */
export type IntakeState = ItemState;

const received = (f: IntakeState) => f.status === 'received';

/**
 * An intake file's steps: the clerk decides a received file once — registers, returns it for completion
 * or rejects it — and a prosecutor issues orders on a registered file.
 */
export const intakeSteps = {
  register: { action: 'intake.decide', when: received, refusal: 'intake.invalid_state' },
  return: { action: 'intake.decide', when: received, refusal: 'intake.invalid_state' },
  reject: { action: 'intake.decide', when: received, refusal: 'intake.invalid_state' },
  issueOrder: {
    action: 'order.issue',
    when: (f) => f.status === 'registered',
    refusal: 'intake.invalid_state',
  },
} as const satisfies ItemSteps<IntakeState, string>;

export type IntakeStep = keyof typeof intakeSteps;

/** The `allowed` flags of an intake file: the steps this actor may take on it now. */
export const intakeActionsSchema = stepFlagsSchema(intakeSteps);
export type IntakeActions = z.infer<typeof intakeActionsSchema>;

/** What this actor may do to this intake file now, from the one matrix and the file's status. Pure. */
export function intakeActions(actor: Actor, item: IntakeState): IntakeActions {
  return allowedSteps(intakeSteps, actor, item);
}
