import { z } from 'zod';

/** One entry of a user's notification centre. `seq` is also the SSE stream's event id. */
export const notificationSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  kind: z.string(),
  clockId: z.string().nullable(),
  caseId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type AppNotification = z.infer<typeof notificationSchema>;

/** GET /api/notifications — newest first, with the count of unread ones. */
export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  unread: z.number().int(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const notificationListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

/** The outbound channels a user may choose besides the in-app centre. */
export const notifyChannels = ['in_app', 'sms'] as const;
export const notifyChannelSchema = z.enum(notifyChannels);
