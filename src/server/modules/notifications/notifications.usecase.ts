import { randomUUID } from 'node:crypto';
import type { NotificationList, NotificationSettings } from '../../../domain/notifications.schema.js';
import type { Actor } from '../../../domain/permissions.js';
import type { Db, Tx } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/index.js';
import {
  insertDeliveries,
  insertNotifications,
  findNotificationsOfUser,
  markNotificationsRead,
  findNotificationSettings,
  updateNotificationSettings,
} from './notifications.repository.js';
import { presentNotification } from './notifications.presenter.js';

/** A person a notification goes to: the in-app centre always, an SMS when they chose it and have a phone. */
export interface Recipient {
  id: string;
  phone: string | null;
  notify_channels: string[];
}

/** One event told to its recipients. */
export interface NotifyInput {
  recipients: readonly Recipient[];
  orgId: string;
  kind: string;
  clockId: string | null;
  caseId: string | null;
  details: Record<string, unknown>;
  text: string;
  now: Date;
}

/**
 * Notifies users in the caller's transaction: an in-app notification each (pushed by the stream after the
 * commit), and an outbound message queued for those who chose SMS. Returns the notifications' numbers.
 */
export async function notifyUsers(tx: Tx, input: NotifyInput): Promise<number[]> {
  return (await notifyMany(tx, [input]))[0] ?? [];
}

/**
 * Notifies the recipients of many events at once (the scheduler's batch): two statements whatever their
 * number — the in-app rows, then the SMS queue. Returns each event's notification numbers, in order.
 */
export async function notifyMany(tx: Tx, events: readonly NotifyInput[]): Promise<number[][]> {
  const planned = events.map((e) => e.recipients.map((r) => ({ id: randomUUID(), recipient: r })));
  const rows = await insertNotifications(
    tx,
    events.flatMap((e, i) =>
      (planned[i] ?? []).map(({ id, recipient }) => ({
        id,
        user_id: recipient.id,
        org_id: e.orgId,
        kind: e.kind,
        clock_id: e.clockId,
        case_id: e.caseId,
        details: e.details,
        created_at: e.now,
      })),
    ),
  );
  const seqOf = new Map(rows.map((r) => [r.id, r.seq]));
  await insertDeliveries(
    tx,
    events.flatMap((e, i) =>
      (planned[i] ?? [])
        .filter(({ recipient: r }) => r.phone && r.notify_channels.includes('sms'))
        .map(({ id, recipient }) => ({
          id: randomUUID(),
          purpose: e.kind,
          notification_seq: seqOf.get(id) ?? null,
          to_address: recipient.phone ?? '',
          text: e.text,
          now: e.now,
        })),
    ),
  );
  return planned.map((p) => p.flatMap(({ id }) => seqOf.get(id) ?? []));
}

/** Queues one outbound message to an address that is no user's (a complainant's code or case status). */
export async function queueOutboundMessage(
  tx: Tx,
  input: { purpose: string; to: string; text: string; now: Date },
): Promise<void> {
  await insertDeliveries(tx, [
    {
      id: randomUUID(),
      purpose: input.purpose,
      notification_seq: null,
      to_address: input.to,
      text: input.text,
      now: input.now,
    },
  ]);
}

/** The signed-in user's notification centre, newest first, with the unread count (audited). */
export async function listNotifications(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  limit: number;
  ip: string | null;
}): Promise<NotificationList> {
  return inTransaction(input.db, async (tx) => {
    const { items, unread } = await findNotificationsOfUser(tx, {
      userId: input.actor.userId,
      limit: input.limit,
    });
    await recordAudit(tx, {
      action: 'notification.listed',
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      resourceType: 'notification',
      resourceId: null,
      orgId: input.actor.orgId,
      ip: input.ip,
      at: input.clock.now(),
      details: { count: items.length },
    });
    return { items: items.map(presentNotification), unread };
  });
}

/** Marks the user's own notifications read (those named, or all); another user's ids change nothing. */
export async function markRead(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  ids: readonly string[] | 'all';
  ip: string | null;
}): Promise<{ marked: number }> {
  return inTransaction(input.db, async (tx) => {
    const now = input.clock.now();
    const marked = await markNotificationsRead(tx, { userId: input.actor.userId, ids: input.ids, at: now });
    await recordAudit(tx, {
      action: 'notification.read',
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      resourceType: 'notification',
      resourceId: null,
      orgId: input.actor.orgId,
      ip: input.ip,
      at: now,
      details: { marked, all: input.ids === 'all' },
    });
    return { marked };
  });
}

/** The signed-in user's phone number and channels (their profile's notification part). */
export async function getNotificationSettings(input: {
  db: Db;
  actor: Actor;
}): Promise<NotificationSettings> {
  const row = await findNotificationSettings(input.db, input.actor.userId);
  return { phone: row.phone, channels: row.notify_channels as NotificationSettings['channels'] };
}

/**
 * Sets the signed-in user's phone number and channels (validated at the edge: an Iranian mobile, and SMS
 * only with a phone), audited in the same transaction. The in-app centre is always on.
 */
export async function setNotificationSettings(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  body: NotificationSettings;
  ip: string | null;
}): Promise<NotificationSettings> {
  const channels = [...new Set<NotificationSettings['channels'][number]>(['in_app', ...input.body.channels])];
  await inTransaction(input.db, async (tx) => {
    await updateNotificationSettings(tx, { userId: input.actor.userId, phone: input.body.phone, channels });
    await recordAudit(tx, {
      action: 'notification.settings_changed',
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      resourceType: 'user',
      resourceId: input.actor.userId,
      orgId: input.actor.orgId,
      ip: input.ip,
      at: input.clock.now(),
      details: { channels, phone: input.body.phone !== null },
    });
  });
  return { phone: input.body.phone, channels };
}
