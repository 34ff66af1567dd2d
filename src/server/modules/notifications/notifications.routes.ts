import { z } from 'zod';
import {
  notificationListQuerySchema,
  notificationListSchema,
  notificationSettingsAnswerSchema,
  notificationSettingsSchema,
} from '../../../domain/notifications.schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { actingContext, requireActor } from '../../platform/http/authenticate.js';
import {
  getNotificationSettings,
  listNotifications,
  markRead,
  setNotificationSettings,
} from './notifications.usecase.js';
import { openNotificationStream } from './notification-stream.usecase.js';

const markReadBodySchema = z.object({
  /** The notifications to mark read; absent: all of the user's. */
  ids: z.array(z.uuid()).max(200).optional(),
});

/** The notification centre: the list, marking read, and the live stream (server-sent events). */
export async function registerNotificationRoutes(app: App, deps: AppDeps): Promise<void> {
  // Open streams end when the node stops, so that closing it does not wait for the browsers.
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of streams) end();
    deps.notifications.hub.close();
  });
  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: "The signed-in user's notifications, newest first, with the unread count",
        querystring: notificationListQuerySchema,
        response: { 200: notificationListSchema },
      },
    },
    async (request) => listNotifications({ ...actingContext(deps, request), limit: request.query.limit }),
  );

  app.post(
    '/api/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Marks notifications read (those named, or all)',
        body: markReadBodySchema,
        response: { 200: z.object({ marked: z.number().int() }) },
      },
    },
    async (request) => markRead({ ...actingContext(deps, request), ids: request.body.ids ?? 'all' }),
  );

  app.get(
    '/api/notifications/settings',
    {
      schema: {
        tags: ['notifications'],
        summary: "The signed-in user's phone number and notification channels",
        response: { 200: notificationSettingsAnswerSchema },
      },
    },
    async (request) => getNotificationSettings({ db: deps.db, actor: requireActor(request) }),
  );

  app.put(
    '/api/notifications/settings',
    {
      schema: {
        tags: ['notifications'],
        summary: "Sets the signed-in user's phone number (an Iranian mobile) and channels (in_app, sms)",
        body: notificationSettingsSchema,
        response: { 200: notificationSettingsAnswerSchema },
      },
    },
    async (request) => setNotificationSettings({ ...actingContext(deps, request), body: request.body }),
  );

  app.get(
    '/api/notifications/stream',
    {
      schema: {
        tags: ['notifications'],
        summary:
          'Server-sent events (text/event-stream): each new notification as it is written; resumes after Last-Event-ID',
        headers: z.object({
          'last-event-id': z
            .string()
            .regex(/^\d{1,18}$/)
            .optional(),
        }),
      },
    },
    (request, reply) => {
      const actor = requireActor(request);
      const end = openNotificationStream({
        db: deps.db,
        hub: deps.notifications.hub,
        userId: actor.userId,
        afterSeq: Number(request.headers['last-event-id'] ?? 0),
        request: request.raw,
        reply,
      });
      streams.add(end);
      request.raw.on('close', () => streams.delete(end));
    },
  );
}
