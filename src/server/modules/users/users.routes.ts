import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  changeRoleBodySchema,
  createUserBodySchema,
  oneTimePasswordSchema,
  userListSchema,
  userSchema,
} from '../../../domain/users.schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { clientIp, requireActor } from '../../platform/http/authenticate.js';
import { createUser, listUsers, resetSecondFactor } from './users.usecase.js';
import {
  changeUserRole,
  disableUser,
  enableUser,
  resetUserPassword,
  unlockUser,
  type UserChangeInput,
} from './user-admin.usecase.js';

const userParams = z.object({ id: z.uuid() });

/** User administration. */
export async function registerUserRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Users (admin)',
        querystring: z.object({ orgId: z.uuid().optional() }),
        response: { 200: userListSchema },
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

  const changeInput = (request: FastifyRequest, userId: string): UserChangeInput => ({
    db: deps.db,
    clock: deps.clock,
    actor: requireActor(request),
    userId,
    ip: clientIp(request),
  });
  // Three steps of one shape (no body, the user as the answer), each its own use case and audit action.
  const steps = [
    ['disable', 'Disable a user: sessions end, no sign-in until enabled (admin)', disableUser],
    ['enable', 'Enable a disabled user (admin)', enableUser],
    ['unlock', "Unlock a user: their username's failed sign-ins are forgotten (admin)", unlockUser],
  ] as const;
  for (const [step, summary, useCase] of steps)
    app.post(
      `/api/users/:id/${step}`,
      { schema: { tags: ['users'], summary, params: userParams, response: { 200: userSchema } } },
      async (request) => useCase(changeInput(request, request.params.id)),
    );
  app.put(
    '/api/users/:id/role',
    {
      schema: {
        tags: ['users'],
        summary: "Change a user's role, to one that fits their organisation (admin); their sessions end",
        params: userParams,
        body: changeRoleBodySchema,
        response: { 200: userSchema },
      },
    },
    async (request) =>
      changeUserRole({ ...changeInput(request, request.params.id), role: request.body.role }),
  );
  app.post(
    '/api/users/:id/password-reset',
    {
      schema: {
        tags: ['users'],
        summary:
          "Reset a user's password to a one-time password, shown once; it signs in only to choose a new one (admin)",
        params: userParams,
        response: { 200: oneTimePasswordSchema },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return resetUserPassword(changeInput(request, request.params.id));
    },
  );
}
