import {
  clearThrottleBodySchema,
  confirmTotpBodySchema,
  loginBodySchema,
  loginResponseSchema,
  newPasswordBodySchema,
  secondFactorBodySchema,
  sessionResponseSchema,
  signInThrottleListSchema,
  totpEnrolledSchema,
  totpEnrolmentSchema,
} from '../../../domain/auth.schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { loadOrCreateKeyFile, secretBox } from '../../platform/crypto/secret-box.js';
import { clientIp, requireActor, SESSION_COOKIE } from '../../platform/http/authenticate.js';
import { burnPasswordCheck } from '../../platform/passwords.js';
import {
  changePasswordAtSignIn,
  completeSignIn,
  confirmEnrolment,
  extendOwnSession,
  getChallenge,
  login,
  logout,
  type SignInStep,
} from './auth.usecase.js';
import { clearSignInThrottle, listSignInThrottles } from './throttle.usecase.js';
import { startTotpEnrolment, type EnrolmentSubject } from './totp.usecase.js';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The short-lived cookie of a sign-in waiting for its second step (not a session). */
export const SIGN_IN_COOKIE = 'cb_signin';

/** Sign in (password, then a code when the user has TOTP), sign out, who am I, TOTP enrolment, throttles. */
export async function registerAuthRoutes(app: App, deps: AppDeps): Promise<void> {
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'strict',
    secure: deps.config.cookieSecure,
    path: '/',
  } as const;
  const signInCookieOptions = { ...cookieOptions, path: '/api/auth' } as const;
  // TOTP secrets are sealed with a key of this node's data folder (DATA_DIR/keys/totp-secrets.key).
  const box = secretBox(await loadOrCreateKeyFile(deps.config.dataDir, 'totp-secrets'), 'casebridge totp');
  // The dummy hash for unknown usernames is made now, so that the first unknown name costs no more than the rest.
  await burnPasswordCheck('');

  const session = (reply: FastifyReply, s: { token: string; expiresAt: Date }) =>
    reply.setCookie(SESSION_COOKIE, s.token, { ...cookieOptions, expires: s.expiresAt });
  /** A step of signing in as the answer: the next step's cookie, or the session's (the step's cookie ended). */
  const signInAnswer = (request: FastifyRequest, reply: FastifyReply, step: SignInStep) => {
    if (step.kind === 'challenge') {
      reply.setCookie(SIGN_IN_COOKIE, step.token, { ...signInCookieOptions, expires: step.expiresAt });
      return { next: step.next, expiresAt: step.expiresAt.toISOString() };
    }
    if (request.cookies[SIGN_IN_COOKIE]) reply.clearCookie(SIGN_IN_COOKIE, signInCookieOptions);
    session(reply, step);
    return { user: step.user, expiresAt: step.expiresAt.toISOString() };
  };

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in: a session, or the next step (a TOTP code, or enrolment when required)',
        body: loginBodySchema,
        response: { 200: loginResponseSchema },
      },
      // A flood guard only; failed sign-ins are throttled per (username, address) and per address in the use case.
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const step = await login({
        db: deps.db,
        clock: deps.clock,
        policy: deps.config,
        username: request.body.username,
        password: request.body.password,
        ip: clientIp(request),
        userAgent: request.headers['user-agent'] ?? null,
      });
      return signInAnswer(request, reply, step);
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Sign in with a one-time password, next step: the new password; then a session or the second factor',
        body: newPasswordBodySchema,
        response: { 200: loginResponseSchema },
      },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const step = await changePasswordAtSignIn({
        db: deps.db,
        clock: deps.clock,
        policy: deps.config,
        challengeToken: request.cookies[SIGN_IN_COOKIE],
        newPassword: request.body.newPassword,
        ip: clientIp(request),
        userAgent: request.headers['user-agent'] ?? null,
      });
      return signInAnswer(request, reply, step);
    },
  );

  app.post(
    '/api/auth/second-factor',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in, second step: a code from the authenticator app, or a recovery code',
        body: secondFactorBodySchema,
        response: { 200: sessionResponseSchema },
      },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const result = await completeSignIn({
        db: deps.db,
        clock: deps.clock,
        policy: deps.config,
        box,
        challengeToken: request.cookies[SIGN_IN_COOKIE],
        code: request.body.code,
        ip: clientIp(request),
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.clearCookie(SIGN_IN_COOKIE, signInCookieOptions);
      session(reply, result);
      return { user: result.user, expiresAt: result.expiresAt.toISOString() };
    },
  );

  /** The signed-in user, or else the user of a pending sign-in that must enrol first. */
  async function enrolmentSubject(
    request: FastifyRequest,
  ): Promise<{ subject: EnrolmentSubject; challengeHash: string | null }> {
    if (request.auth) {
      const { user } = request.auth;
      return {
        subject: { userId: user.id, orgId: user.org.id, username: user.username },
        challengeHash: null,
      };
    }
    const challenge = await getChallenge(deps.db, request.cookies[SIGN_IN_COOKIE], 'enrol', deps.clock.now());
    return {
      subject: { userId: challenge.user_id, orgId: challenge.org_id, username: challenge.user_username },
      challengeHash: challenge.token_hash,
    };
  }

  app.post(
    '/api/auth/totp/enrolment',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Start setting up TOTP: a new secret and its QR code (signed in, or a sign-in that must enrol)',
        response: { 200: totpEnrolmentSchema },
      },
    },
    async (request) =>
      startTotpEnrolment({
        db: deps.db,
        clock: deps.clock,
        box,
        subject: (await enrolmentSubject(request)).subject,
      }),
  );

  app.post(
    '/api/auth/totp/enrolment/confirm',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Confirm TOTP with a first code: the recovery codes, shown once (and a session when signing in)',
        body: confirmTotpBodySchema,
        response: { 200: totpEnrolledSchema },
      },
    },
    async (request, reply) => {
      const { subject, challengeHash } = await enrolmentSubject(request);
      const result = await confirmEnrolment({
        db: deps.db,
        clock: deps.clock,
        policy: deps.config,
        box,
        subject,
        challengeHash,
        code: request.body.code,
        ip: clientIp(request),
        userAgent: request.headers['user-agent'] ?? null,
      });
      if (!result.session) return { recoveryCodes: result.recoveryCodes };
      reply.clearCookie(SIGN_IN_COOKIE, signInCookieOptions);
      session(reply, result.session);
      const { user, expiresAt } = result.session;
      return { recoveryCodes: result.recoveryCodes, session: { user, expiresAt: expiresAt.toISOString() } };
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

  app.post(
    '/api/auth/session/extend',
    {
      schema: {
        tags: ['auth'],
        summary: 'Extend the session to a whole lifetime from now (offered before it ends); audited',
        response: { 200: sessionResponseSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const auth = request.auth!;
      const { expiresAt } = await extendOwnSession({
        db: deps.db,
        clock: deps.clock,
        policy: deps.config,
        token: auth.token,
        actor,
        ip: clientIp(request),
      });
      // The answer's header (set on sending, from request.auth) says the new expiry too.
      auth.expiresAt = expiresAt;
      session(reply, { token: auth.token, expiresAt });
      return { user: auth.user, expiresAt: expiresAt.toISOString() };
    },
  );

  app.get(
    '/api/auth/throttles',
    {
      schema: {
        tags: ['auth'],
        summary: 'Usernames and addresses with recent failed sign-ins, and their waits (admin)',
        response: { 200: signInThrottleListSchema },
      },
    },
    async (request) => ({
      items: await listSignInThrottles({ db: deps.db, clock: deps.clock, actor: requireActor(request) }),
    }),
  );

  app.post(
    '/api/auth/throttles/clear',
    {
      schema: {
        tags: ['auth'],
        summary: 'Clear the failures and wait of a username from an address, or of an address (admin)',
        body: clearThrottleBodySchema,
      },
    },
    async (request, reply) => {
      await clearSignInThrottle({
        db: deps.db,
        clock: deps.clock,
        actor: requireActor(request),
        body: request.body,
        ip: clientIp(request),
      });
      return reply.status(204).send();
    },
  );
}
