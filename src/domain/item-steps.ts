import { z } from 'zod';
import { AppError, type ErrorCode } from './errors.js';
import { can, type Action, type Actor } from './permissions.js';

/**
 * One step a user may take on an item the API returns (a case, an order, an escort, an intake file):
 * the action of the one permission matrix that authorises it, and the states of the item that let it be
 * taken now. The same step answers both questions — the flag the API hands the screen (`allowedSteps`) and
 * the refusal the use case throws (`assertStepState`) — so the two cannot drift apart.
 */
export interface ItemStep<I> {
  /** The action of the permission matrix (`permissions.ts`) that authorises the step. */
  action: Action;
  /** Whether the item, in its state now, takes the step. */
  when: (item: I) => boolean;
  /** The code a use case answers when the state refuses the step (a 409). */
  refusal: ErrorCode;
}

/** An item as the steps see it: the organisation it belongs to, and its state. */
export interface ItemState {
  orgId: string;
  status: string;
}

/** The steps of one kind of item, by the name of the flag the API hands over. */
export type ItemSteps<I extends ItemState, K extends string> = Record<K, ItemStep<I>>;

/** The flags of one item: for each step, whether this actor may take it now. */
export type StepFlags<K extends string> = Record<K, boolean>;

/**
 * For each step, whether the actor may take it on the item now: the matrix allows the action on the
 * item's organisation, and the item's state takes the step. Pure.
 */
export function allowedSteps<I extends ItemState, K extends string>(
  steps: ItemSteps<I, K>,
  actor: Actor,
  item: I,
): StepFlags<K> {
  const resource = { orgId: item.orgId, notFound: 'auth.forbidden' as const };
  const flags = {} as StepFlags<K>;
  for (const key of Object.keys(steps) as K[]) {
    const step = steps[key];
    flags[key] = can(actor, step.action, resource) && step.when(item);
  }
  return flags;
}

/** Throws the step's refusal (with the item's status) unless the item's state takes the step. */
export function assertStepState<I extends ItemState>(step: ItemStep<I>, item: I): void {
  if (!step.when(item)) throw new AppError(step.refusal, { details: { status: item.status } });
}

/** The zod schema of the flags of a kind of item: one boolean per step. */
export function stepFlagsSchema<I extends ItemState, K extends string>(steps: ItemSteps<I, K>) {
  const shape = Object.fromEntries(Object.keys(steps).map((key) => [key, z.boolean()]));
  return z.object(shape as Record<K, z.ZodBoolean>);
}
