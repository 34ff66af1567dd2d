import type { z } from 'zod';
import { allowedSteps, stepFlagsSchema, type ItemState, type ItemSteps } from '../item-steps.js';
import type { Actor } from '../permissions.js';
import type { EscortStatus } from './escort-kinds.js';

/** One side's row of an escort as its steps see it. */
export interface EscortState extends ItemState {
  side: 'station' | 'escort_unit';
  status: EscortStatus;
}

const atUnit = (e: EscortState, ...statuses: EscortStatus[]) =>
  e.side === 'escort_unit' && statuses.includes(e.status);

/**
 * An escort's steps, in their order: the escort unit assigns officers to a requested escort (and may
 * name others until the pick-up), records the pick-up once assigned, then the delivery once picked up;
 * the station calls it off while the person is not picked up yet.
 */
export const escortSteps = {
  assign: {
    action: 'escort.execute',
    when: (e) => atUnit(e, 'requested', 'assigned'),
    refusal: 'escorts.invalid_state',
  },
  pickUp: { action: 'escort.execute', when: (e) => atUnit(e, 'assigned'), refusal: 'escorts.invalid_state' },
  deliver: {
    action: 'escort.execute',
    when: (e) => atUnit(e, 'picked_up'),
    refusal: 'escorts.invalid_state',
  },
  cancel: {
    action: 'escort.request',
    when: (e) => e.side === 'station' && (e.status === 'requested' || e.status === 'assigned'),
    refusal: 'escorts.invalid_state',
  },
} as const satisfies ItemSteps<EscortState, string>;

export type EscortStep = keyof typeof escortSteps;

/** The `allowed` flags of an escort: the steps this actor may take on it now. */
export const escortActionsSchema = stepFlagsSchema(escortSteps);
export type EscortActions = z.infer<typeof escortActionsSchema>;

/** What this actor may do to this escort now, from the one matrix, the escort's side and status. Pure. */
export function escortActions(actor: Actor, item: EscortState): EscortActions {
  return allowedSteps(escortSteps, actor, item);
}
