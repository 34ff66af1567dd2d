import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../db/client.js';
import type { NotificationDeliveryRow, NotificationRow } from '../../db/schema.js';

/** Inserts in-app notifications; their rows (with `seq`, the stream's event id). */
export async function insertNotifications(
  tx: Tx,
  rows: {
    id: string;
    user_id: string;
    org_id: string;
    kind: string;
    clock_id: string | null;
    case_id: string | null;
    details: Record<string, unknown>;
    created_at: Date;
  }[],
): Promise<NotificationRow[]> {
  if (rows.length === 0) return [];
  return tx
    .insertInto('notifications')
    .values(rows.map((r) => ({ ...r, details: JSON.stringify(r.details) })))
    .returningAll()
    .execute();
}

/** Queues outbound messages (SMS or log) for the delivery worker. */
export async function insertDeliveries(
  tx: Tx,
  rows: {
    id: string;
    purpose: string;
    notification_seq: number | null;
    to_address: string;
    text: string;
    now: Date;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('notification_deliveries')
    .values(
      rows.map(({ now, ...r }) => ({
        ...r,
        status: 'pending' as const,
        next_attempt_at: now,
        created_at: now,
      })),
    )
    .execute();
}

/** A user's notifications, newest first, and how many are unread. */
export async function findNotificationsOfUser(db: DbOrTx, input: { userId: string; limit: number }) {
  const [items, unread] = await Promise.all([
    db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', input.userId)
      .orderBy('seq', 'desc')
      .limit(input.limit)
      .execute(),
    db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', input.userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { items, unread: Number(unread.n) };
}

/** A user's notifications after `afterSeq`, oldest first: what the stream sends on (re)connecting. */
export async function findNotificationsAfter(
  db: DbOrTx,
  input: { userId: string; afterSeq: number; limit: number },
) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', input.userId)
    .where('seq', '>', input.afterSeq)
    .orderBy('seq')
    .limit(input.limit)
    .execute();
}

/** The newest notification's number on the node (0 when none): what the stream's hub watches. */
export async function findLatestNotificationSeq(db: DbOrTx): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** Marks a user's notifications read (some by id, or all); how many changed. */
export async function markNotificationsRead(
  tx: Tx,
  input: { userId: string; ids: readonly string[] | 'all'; at: Date },
): Promise<number> {
  let query = tx
    .updateTable('notifications')
    .set({ read_at: input.at })
    .where('user_id', '=', input.userId)
    .where('read_at', 'is', null);
  if (input.ids !== 'all') {
    if (input.ids.length === 0) return 0;
    query = query.where('id', 'in', [...input.ids]);
  }
  return Number((await query.executeTakeFirst()).numUpdatedRows);
}

/** Claims due outbound messages for this worker (FOR UPDATE SKIP LOCKED, then a lease). */
export async function claimDueDeliveries(
  tx: Tx,
  input: { now: Date; leaseMs: number; limit: number },
): Promise<NotificationDeliveryRow[]> {
  return tx
    .updateTable('notification_deliveries')
    .set({ lease_until: new Date(input.now.getTime() + input.leaseMs) })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('notification_deliveries')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', input.now)
        .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<', input.now)]))
        .orderBy('next_attempt_at')
        .limit(input.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

/** Records one attempt of an outbound message: sent, failed for good, or to be tried again. */
export async function recordDeliveryAttempt(
  db: DbOrTx,
  input: {
    id: string;
    notifier: 'log' | 'sms';
    status: 'pending' | 'sent' | 'failed';
    at: Date;
    nextAttemptAt: Date;
    error: string | null;
  },
): Promise<void> {
  await db
    .updateTable('notification_deliveries')
    .set({
      notifier: input.notifier,
      status: input.status,
      attempts: sql`attempts + 1`,
      last_error: input.error,
      next_attempt_at: input.nextAttemptAt,
      lease_until: null,
      sent_at: input.status === 'sent' ? input.at : null,
    })
    .where('id', '=', input.id)
    .execute();
}

/** Outbound messages for one address, newest first (for the tests and the operators). */
export async function findDeliveriesTo(db: DbOrTx, toAddress: string) {
  return db
    .selectFrom('notification_deliveries')
    .selectAll()
    .where('to_address', '=', toAddress)
    .orderBy('created_at', 'desc')
    .execute();
}

/** A user's phone number and chosen channels. */
export async function findNotificationSettings(db: DbOrTx, userId: string) {
  return db
    .selectFrom('users')
    .select(['phone', 'notify_channels'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

/** Sets a user's phone number and chosen channels. */
export async function updateNotificationSettings(
  tx: Tx,
  input: { userId: string; phone: string | null; channels: string[] },
): Promise<void> {
  await tx
    .updateTable('users')
    .set({ phone: input.phone, notify_channels: input.channels })
    .where('id', '=', input.userId)
    .execute();
}
