import { z } from 'zod';
import { createUserBodySchema, userSchema } from '../../../domain/users.schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { clientIp, requireActor } from '../../platform/http/authenticate.js';
import { createUser, listUsers, resetSecondFactor } from './users.usecase.js';

/** User administration. */
export async function registerUserRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Users (admin)',
        querystring: z.object({ orgId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(userSchema) }) },
      },
    },
    async (request) => ({
      items: await listUsers({
        db: deps.db,
        clock: deps.clock,
        actor: requireActor(request),
        orgId: request.query.orgId,
      }),
    }),
  );
  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user (admin)',
        body: createUserBodySchema,
        response: { 201: userSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createUser({
          db: deps.db,
          clock: deps.clock,
          actor: requireActor(request),
          body: request.body,
          ip: clientIp(request),
        }),
      ),
  );
  app.delete(
    '/api/users/:id/totp',
    {
      schema: {
        tags: ['users'],
        summary: "Reset a user's second factor (admin): TOTP and recovery codes are removed",
        params: z.object({ id: z.uuid() }),
      },
    },
    async (request, reply) => {
      await resetSecondFactor({
        db: deps.db,
        clock: deps.clock,
        actor: requireActor(request),
        userId: request.params.id,
        ip: clientIp(request),
      });
      return reply.status(204).send();
    },
  );
}
