import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import type { Escort, RequestEscortBody } from '../../../domain/escorts/escorts.schema.js';
import type { Actor } from '../../../domain/permissions.js';
import type { Db, Tx } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/audit.repository.js';
import { loadCaseFor } from '../cases/case-access.policy.js';
import { recordCaseEvent } from '../cases/case-events.repository.js';
import { findPartyOfCase } from '../cases/parties.repository.js';
import type { Exchange } from '../exchange/exchange.js';
import { tellPeer } from '../exchange/tell-peer.js';
import { findOrder } from '../orders/orders.repository.js';
import { findOrganisation } from '../organisations/organisations.repository.js';
import { findActorName } from '../submission/actor-name.repository.js';
import { findEscortUnitFor, insertEscort } from './escorts.repository.js';
import { presentEscort } from './escorts.presenter.js';

/** An escort asked for "now" is fine: a time up to this long ago is taken as now. */
const SCHEDULE_GRACE_MS = 10 * 60_000;

/** When the party's running custody at the station began, if they are held. */
async function runningCustodySince(tx: Tx, partyId: string): Promise<Date | null> {
  const row = await tx
    .selectFrom('custody_records')
    .select('started_at')
    .where('party_id', '=', partyId)
    .where('ended_at', 'is', null)
    .orderBy('started_at')
    .executeTakeFirst();
  return row?.started_at ?? null;
}

/** The order an escort carries out must be one of the case's, and an escort order. */
async function assertEscortOrder(
  tx: Tx,
  input: { orgId: string; caseId: string; orderId: string },
): Promise<void> {
  const order = await findOrder(tx, { orgId: input.orgId, orderId: input.orderId });
  if (!order || order.case_id !== input.caseId) throw new AppError('orders.not_found');
  if (order.kind !== 'escort')
    throw new AppError('escorts.not_an_escort_order', { details: { kind: order.kind } });
}

/**
 * A station asks its escort unit (the one of its province on this node; `escorts.no_escort_unit` if none) to
 * take a person of the case — named and identified as the case records them, with their custody clock if
 * held — to a destination at a time (not in the past: `escorts.scheduled_in_past`), for a reason, and
 * optionally to carry out a judicial order of kind escort. The station's row, the signed `escort.requested`,
 * the case's timeline event and the audit entry are written in one transaction.
 */
export async function requestEscort(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  ip: string | null;
  caseId: string;
  body: RequestEscortBody;
  exchange: Pick<Exchange, 'signer' | 'kick'>;
}): Promise<Escort> {
  const { actor, body } = input;
  const now = input.clock.now();
  const escort = await inTransaction(input.db, async (tx) => {
    const caseRow = await loadCaseFor({
      db: tx,
      actor,
      caseId: input.caseId,
      action: 'escort.request',
      forUpdate: true,
    });
    const party = await findPartyOfCase(tx, caseRow.id, body.partyId);
    if (!party) throw new AppError('parties.not_found');
    const scheduledAt = new Date(body.scheduledAt);
    if (scheduledAt.getTime() < now.getTime() - SCHEDULE_GRACE_MS)
      throw new AppError('escorts.scheduled_in_past', {
        issues: [{ path: 'body.scheduledAt', code: 'escorts.scheduled_in_past' }],
      });
    if (body.orderId)
      await assertEscortOrder(tx, { orgId: caseRow.org_id, caseId: caseRow.id, orderId: body.orderId });
    const station = await findOrganisation(tx, caseRow.org_id);
    const unit = station ? await findEscortUnitFor(tx, station) : null;
    if (!unit) throw new AppError('escorts.no_escort_unit');
    const inCustodySince = await runningCustodySince(tx, party.id);
    const by = await findActorName(tx, actor.userId);
    const person = {
      firstName: party.first_name,
      lastName: party.last_name,
      fatherName: party.father_name,
      nationalId: party.national_id,
      passportNumber: party.passport_number,
    };
    const escortId = randomUUID();
    const row = await insertEscort(tx, {
      org_id: caseRow.org_id,
      escort_id: escortId,
      side: 'station',
      case_ref: caseRow.id,
      case_number: caseRow.case_number,
      case_id: caseRow.id,
      party_id: party.id,
      order_id: body.orderId ?? null,
      peer_node: unit.node_id,
      peer_org: unit.code,
      person: JSON.stringify(person),
      in_custody_since: inCustodySince,
      destination: body.destination,
      place: body.place,
      scheduled_at: scheduledAt,
      reason: body.reason,
      requested_by: by,
      requested_at: now,
      status: 'requested',
      updated_at: now,
    });
    if (!row) throw new AppError('internal.error', { message: 'escort id taken' });
    const messageId = await tellPeer(tx, {
      signer: input.exchange.signer,
      now,
      row,
      createdBy: by,
      type: 'escort.requested',
      body: {
        escortId,
        caseNumber: caseRow.case_number,
        person,
        inCustodySince: inCustodySince?.toISOString() ?? null,
        destination: body.destination,
        place: body.place,
        scheduledAt: scheduledAt.toISOString(),
        reason: body.reason,
        orderId: body.orderId ?? null,
        requestedBy: by,
        requestedAt: now.toISOString(),
      },
    });
    const details = { escortId, destination: body.destination, messageId };
    await recordCaseEvent(tx, {
      caseId: caseRow.id,
      orgId: caseRow.org_id,
      at: now,
      actorUserId: actor.userId,
      type: 'escort.requested',
      details,
    });
    await recordAudit(tx, {
      action: 'escort.requested',
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      resourceType: 'escort',
      resourceId: escortId,
      orgId: caseRow.org_id,
      ip: input.ip,
      at: now,
      details: { caseRef: caseRow.id, ...details },
    });
    return presentEscort(row, now, unit.name_fa);
  });
  input.exchange.kick();
  return escort;
}
