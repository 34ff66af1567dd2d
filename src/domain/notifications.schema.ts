import { z } from 'zod';
import { normaliseIdentifier } from './persian-text.js';
import { line } from './text.js';

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

/** An Iranian mobile number as stored (09xxxxxxxxx), typed with any digits and a +98 / 0098 / 98 prefix. */
export const userPhoneSchema = line(20)
  .transform((s) => normaliseIdentifier(s).replace(/^(\+98|0098|98)(?=9\d{9}$)/, '0'))
  .refine((s) => /^09\d{9}$/.test(s), { message: 'users.invalid_phone' });

/** GET/PUT /api/notifications/settings — the user's phone number and chosen channels (their profile). */
export const notificationSettingsSchema = z
  .object({
    phone: userPhoneSchema.nullable(),
    channels: z.array(notifyChannelSchema).max(2),
  })
  .refine((s) => !s.channels.includes('sms') || s.phone !== null, {
    message: 'users.sms_needs_phone',
    path: ['channels'],
  });
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

/** The settings as the API answers them (stored values: no transform to run on the way out). */
export const notificationSettingsAnswerSchema = z.object({
  phone: z.string().nullable(),
  channels: z.array(notifyChannelSchema),
});
