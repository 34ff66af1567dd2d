import type {
  AssignEscortBody,
  CancelEscortBody,
  Escort,
  HandOverEscortBody,
} from '../../../domain/escorts/escorts.schema.js';
import { tellPeer } from '../exchange/tell-peer.js';
import { findActorName } from '../submission/actor-name.repository.js';
import { assertEscortStatus, stepEscort, type EscortUseCaseInput } from './escort-transaction.js';
import { updateEscort } from './escorts.repository.js';
import { presentEscort } from './escorts.presenter.js';

/** The escort unit names the officers (and vehicle) it sends for a requested escort; `escort.assigned` tells the station. */
export async function assignEscort(input: EscortUseCaseInput & { body: AssignEscortBody }): Promise<Escort> {
  const { body } = input;
  return stepEscort(
    { ...input, action: 'escort.execute', audit: 'escort.assigned' },
    async ({ tx, escort, now }) => {
      assertEscortStatus(escort, escort.side === 'escort_unit' ? ['requested', 'assigned'] : []);
      const by = await findActorName(tx, input.actor.userId);
      const vehicle = body.vehicle ?? null;
      const updated = await updateEscort(tx, escort, {
        status: 'assigned',
        officers: body.officers,
        vehicle,
        assigned_at: now,
        updated_at: now,
      });
      const messageId = await tellPeer(tx, {
        signer: input.exchange.signer,
        now,
        row: escort,
        createdBy: by,
        type: 'escort.assigned',
        body: {
          escortId: escort.escort_id,
          officers: body.officers,
          vehicle,
          assignedBy: by,
          assignedAt: now.toISOString(),
        },
      });
      return { value: presentEscort(updated, now), details: { messageId } };
    },
  );
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
  return stepEscort(
    { ...input, action: 'escort.execute', audit: 'escort.handed_over' },
    async ({ tx, escort, now }) => {
      const before = body.stage === 'picked_up' ? (['assigned'] as const) : (['picked_up'] as const);
      assertEscortStatus(escort, escort.side === 'escort_unit' ? before : []);
      const by = await findActorName(tx, input.actor.userId);
      const updated = await updateEscort(
        tx,
        escort,
        body.stage === 'picked_up'
          ? { status: 'picked_up', picked_up_at: now, picked_up_from: body.counterpart, updated_at: now }
          : { status: 'delivered', delivered_at: now, delivered_to: body.counterpart, updated_at: now },
      );
      const messageId = await tellPeer(tx, {
        signer: input.exchange.signer,
        now,
        row: escort,
        createdBy: by,
        type: 'escort.handed-over',
        body: {
          escortId: escort.escort_id,
          stage: body.stage,
          counterpart: body.counterpart,
          at: now.toISOString(),
          by,
        },
      });
      return { value: presentEscort(updated, now), details: { messageId, stage: body.stage } };
    },
  );
}

/** The station calls an escort off before its person was picked up; `escort.cancelled` tells the escort unit. */
export async function cancelEscort(input: EscortUseCaseInput & { body: CancelEscortBody }): Promise<Escort> {
  const { body } = input;
  return stepEscort(
    { ...input, action: 'escort.request', audit: 'escort.cancelled' },
    async ({ tx, escort, now }) => {
      assertEscortStatus(escort, escort.side === 'station' ? ['requested', 'assigned'] : []);
      const by = await findActorName(tx, input.actor.userId);
      const updated = await updateEscort(tx, escort, {
        status: 'cancelled',
        cancelled_at: now,
        cancel_reason: body.reason,
        updated_at: now,
      });
      const messageId = await tellPeer(tx, {
        signer: input.exchange.signer,
        now,
        row: escort,
        createdBy: by,
        type: 'escort.cancelled',
        body: {
          escortId: escort.escort_id,
          reason: body.reason,
          cancelledBy: by,
          cancelledAt: now.toISOString(),
        },
      });
      return { value: presentEscort(updated, now), details: { messageId } };
    },
  );
}
