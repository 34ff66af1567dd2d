import type { Updateable } from 'kysely';
import type {
  AssignEscortBody,
  CancelEscortBody,
  Escort,
  HandOverEscortBody,
} from '../../../domain/escorts/escorts.schema.js';
import type { MessageBody } from '../../../domain/messages/bodies.js';
import type { Tx } from '../../db/client.js';
import type { EscortRow, EscortsTable } from '../../db/schema.js';
import { tellPeer, findActorName } from '../correspondence/index.js';
import { stepEscort, type EscortUseCaseInput } from './escort.ports.js';
import { findOrganisationNames, updateEscort } from './escorts.repository.js';
import { presentEscort } from './escorts.presenter.js';
import { settleClock } from '../clocks/index.js';

type StepMessage = 'escort.assigned' | 'escort.handed-over' | 'escort.cancelled';

/**
 * The common end of every step: this side's row changed, and the other side told by a signed message whose
 * body names who did it — in the step's transaction.
 */
async function changeAndTell<T extends StepMessage>(
  input: EscortUseCaseInput,
  ctx: { tx: Tx; escort: EscortRow; now: Date },
  change: { row: Updateable<EscortsTable>; type: T; body: (by: string) => MessageBody<T> },
): Promise<{ value: Escort; details: Record<string, unknown> }> {
  const { tx, escort, now } = ctx;
  const by = await findActorName(tx, input.actor.userId);
  const updated = await updateEscort(tx, escort, { ...change.row, updated_at: now });
  const messageId = await tellPeer(tx, {
    signer: input.exchange.signer,
    now,
    row: escort,
    createdBy: by,
    type: change.type,
    body: change.body(by),
  });
  // Answered in the shape the list reads it in: the other side's name too.
  const names = await findOrganisationNames(tx, [updated.peer_org]);
  return {
    value: presentEscort(updated, {
      now,
      actor: input.actor,
      counterpartName: names.get(updated.peer_org) ?? null,
    }),
    details: { messageId },
  };
}

/** The escort unit names the officers (and vehicle) it sends for a requested escort; `escort.assigned` tells the station. */
export async function assignEscort(input: EscortUseCaseInput & { body: AssignEscortBody }): Promise<Escort> {
  const { body } = input;
  const vehicle = body.vehicle ?? null;
  return stepEscort({ ...input, step: 'assign', audit: 'escort.assigned' }, async (ctx) => {
    return changeAndTell(input, ctx, {
      row: { status: 'assigned', officers: body.officers, vehicle, assigned_at: ctx.now },
      type: 'escort.assigned',
      body: (by) => ({
        escortId: ctx.escort.escort_id,
        officers: body.officers,
        vehicle,
        assignedBy: by,
        assignedAt: ctx.now.toISOString(),
      }),
    });
  });
}

/**
 * A hand-over (تحویل و تحول) the escort officers record: the person picked up from the station (naming who
 * handed them over), then delivered at the destination (naming who took them in); `escort.handed-over`
 * tells the station, which ends the person's custody there when they were delivered into the judiciary's
 * or a prison's hands.
 */
export async function handOverEscort(
  input: EscortUseCaseInput & { body: HandOverEscortBody },
): Promise<Escort> {
  const { body } = input;
  const picked = body.stage === 'picked_up';
  const step = picked ? 'pickUp' : 'deliver';
  return stepEscort({ ...input, step, audit: 'escort.handed_over' }, async (ctx) => {
    const { now } = ctx;
    // Picked up by its time: the unit's pick-up clock is met (late, its breach stands).
    if (picked)
      await settleClock(ctx.tx, {
        kind: 'escort_pickup',
        sourceId: ctx.escort.escort_id,
        orgId: ctx.escort.org_id,
        state: 'met',
        metAt: now,
        at: now,
      });
    const done = await changeAndTell(input, ctx, {
      row: picked
        ? { status: 'picked_up', picked_up_at: now, picked_up_from: body.counterpart }
        : { status: 'delivered', delivered_at: now, delivered_to: body.counterpart },
      type: 'escort.handed-over',
      body: (by) => ({
        escortId: ctx.escort.escort_id,
        stage: body.stage,
        counterpart: body.counterpart,
        at: now.toISOString(),
        by,
      }),
    });
    return { ...done, details: { ...done.details, stage: body.stage } };
  });
}

/** The station calls an escort off before its person was picked up; `escort.cancelled` tells the escort unit. */
export async function cancelEscort(input: EscortUseCaseInput & { body: CancelEscortBody }): Promise<Escort> {
  const { body } = input;
  return stepEscort({ ...input, step: 'cancel', audit: 'escort.cancelled' }, async (ctx) => {
    return changeAndTell(input, ctx, {
      row: { status: 'cancelled', cancelled_at: ctx.now, cancel_reason: body.reason },
      type: 'escort.cancelled',
      body: (by) => ({
        escortId: ctx.escort.escort_id,
        reason: body.reason,
        cancelledBy: by,
        cancelledAt: ctx.now.toISOString(),
      }),
    });
  });
}
