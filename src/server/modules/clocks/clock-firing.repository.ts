import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../db/client.js';
import type { ClockRow } from '../../db/schema.js';

/**
 * The scheduler's set-based writes: each is one statement for a whole batch of clocks, whatever its
 * size (a pass is a few queries, not a few per clock).
 */

/** Records the thresholds that fired; those that had already (never twice) are left out of the answer. */
export async function insertAlerts(
  tx: Tx,
  rows: { clock_id: string; before_seconds: number; fire_at: Date; fired_at: Date; late: boolean }[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await tx
    .insertInto('clock_alerts')
    .values(rows)
    .onConflict((oc) => oc.columns(['clock_id', 'before_seconds']).doNothing())
    .returning(['clock_id', 'before_seconds'])
    .execute();
  return new Set(inserted.map((r) => alertKey(r.clock_id, r.before_seconds)));
}

/** The key of one threshold of one clock. */
export const alertKey = (clockId: string, beforeSeconds: number) => `${clockId}:${beforeSeconds}`;

/**
 * The users told of the alerts of these clocks: every enabled user who is a clock's responsible user or
 * holds one of its roles in its organisation (the caller matches them to each clock).
 */
export async function findRecipientsOfClocks(db: DbOrTx, clocks: readonly ClockRow[]) {
  const ids = [...new Set(clocks.flatMap((c) => (c.responsible_user_id ? [c.responsible_user_id] : [])))];
  const orgs = [...new Set(clocks.filter((c) => c.notify_roles.length > 0).map((c) => c.org_id))];
  const roles = [...new Set(clocks.flatMap((c) => c.notify_roles))];
  if (ids.length === 0 && orgs.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'org_id', 'role', 'phone', 'notify_channels'])
    .where('disabled_at', 'is', null)
    .where((eb) =>
      eb.or([
        ...(ids.length > 0 ? [eb('id', 'in', ids)] : []),
        ...(orgs.length > 0 ? [eb.and([eb('org_id', 'in', orgs), eb('role', 'in', roles)])] : []),
      ]),
    )
    .orderBy('id')
    .execute();
}
export type ClockRecipientRow = Awaited<ReturnType<typeof findRecipientsOfClocks>>[number];

/**
 * For each breached clock, the messages of its case its organisation sent that were queued by the due
 * time and not delivered by it: the exchange's part in a breach (a station is not blamed for an outage).
 */
export async function findMessagesWaitingForClocks(
  db: DbOrTx,
  clocks: readonly { id: string; org_id: string; case_ref: string; due_at: Date }[],
) {
  if (clocks.length === 0) return [];
  const list = JSON.stringify(
    clocks.map((c) => ({ clock_id: c.id, org_id: c.org_id, case_ref: c.case_ref, due_at: c.due_at })),
  );
  const result = await sql<{
    clock_id: string;
    id: string;
    type: string;
    created_at: Date;
    receipt_at: Date | null;
    attempts: number | null;
    last_error: string | null;
  }>`
    select x.clock_id, m.id, m.type, m.created_at, m.receipt_at, o.attempts, o.last_error
    from jsonb_to_recordset(${list}::jsonb) as x(clock_id uuid, org_id uuid, case_ref text, due_at timestamptz)
    join messages m on m.direction = 'out' and m.org_id = x.org_id and m.case_ref = x.case_ref
                   and m.created_at <= x.due_at and (m.receipt_at is null or m.receipt_at > x.due_at)
    left join outbox o on o.message_id = m.id
    order by x.clock_id, m.created_at`.execute(db);
  return result.rows;
}

/** Writes the immutable breach records of a batch (once each: the clock id is unique). */
export async function insertBreaches(
  tx: Tx,
  rows: { id: string; clock: ClockRow; detectedAt: Date; late: boolean; exchangeWaiting: unknown[] }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('clock_breaches')
    .values(
      rows.map(({ id, clock, detectedAt, late, exchangeWaiting }) => ({
        id,
        clock_id: clock.id,
        org_id: clock.org_id,
        case_id: clock.case_id,
        case_ref: clock.case_ref,
        kind: clock.kind,
        legal_basis: clock.legal_basis,
        due_at: clock.due_at,
        detected_at: detectedAt,
        late,
        responsible_user_id: clock.responsible_user_id,
        exchange_waiting: JSON.stringify(exchangeWaiting),
      })),
    )
    .onConflict((oc) => oc.column('clock_id').doNothing())
    .execute();
}

/** Moves each clock of a batch to its state and next threshold after firing (one statement). */
export async function advanceClocks(
  tx: Tx,
  rows: {
    id: string;
    state: 'running' | 'warned' | 'breached';
    next_fire_at: Date | null;
    next_before_seconds: number | null;
    settled_at: Date | null;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    update clocks c
    set state = x.state, next_fire_at = x.next_fire_at, next_before_seconds = x.next_before_seconds,
        settled_at = coalesce(x.settled_at, c.settled_at)
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
         as x(id uuid, state text, next_fire_at timestamptz, next_before_seconds int, settled_at timestamptz)
    where c.id = x.id`.execute(tx);
}
