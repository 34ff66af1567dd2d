import { loginBodySchema, sessionResponseSchema } from '../../../domain/auth.schema.js';
import type { App } from '../../app.js';
import type { AppDeps } from '../../app-deps.js';
import { clientIp, requireActor, SESSION_COOKIE } from '../../platform/http/authenticate.js';
import { login, logout } from './auth.usecases.js';

/** Sign in, sign out, and who am I. */
export async function registerAuthRoutes(app: App, deps: AppDeps): Promise<void> {
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'strict',
    secure: deps.config.cookieSecure,
    path: '/',
  } as const;

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in',
        body: loginBodySchema,
        response: { 200: sessionResponseSchema },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const result = await login({
        db: deps.db,
        clock: deps.clock,
        policy: deps.config,
        username: request.body.username,
        password: request.body.password,
        ip: clientIp(request),
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions, expires: result.expiresAt });
      return { user: result.user, expiresAt: result.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out (revokes the session)' } },
    async (request, reply) => {
      const actor = requireActor(request);
      await logout({
        db: deps.db,
        clock: deps.clock,
        token: request.auth?.token ?? '',
        actor,
        ip: clientIp(request),
      });
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: sessionResponseSchema } } },
    async (request) => {
      requireActor(request);
      const auth = request.auth!;
      return { user: auth.user, expiresAt: auth.expiresAt.toISOString() };
    },
  );
}
