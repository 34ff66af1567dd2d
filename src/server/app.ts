import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppDeps } from './app-deps.js';
import { registerAuditRoutes } from './modules/audit/audit.routes.js';
import { registerAuthRoutes } from './modules/auth/auth.routes.js';
import { resolveSession } from './modules/auth/auth.usecase.js';
import { registerModuleRoutes } from './modules/index.js';
import { SESSION_COOKIE } from './platform/http/authenticate.js';
import { SESSION_EXPIRES_HEADER } from '../domain/auth.schema.js';
import { registerCompression } from './platform/http/compression.js';
import { registerOriginCheck } from './platform/http/origin-check.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import { httpRequestSeconds } from './platform/metrics.js';
import { handleError, RETRY_AFTER_SECONDS } from './platform/http/error-handler.js';
import { isDatabaseReady } from './db/unavailable.js';
import type { ServerTls } from './platform/tls-files.js';
import type { App } from './platform/http/fastify-app.js';

/** `/readyz` answers 503 when the database has not answered a query within this long. */
const READY_WITHIN_MS = 1000;

/**
 * Builds the HTTP app from its modules: the node's `main.ts` and the tests both call this. With `https`
 * (see `readServerTls`), it serves HTTPS.
 * Request logs carry method, route pattern, status and timing — never query strings, bodies or cookies.
 */
export async function buildApp(deps: AppDeps, options: { https?: ServerTls | null } = {}): Promise<App> {
  const serverOptions = {
    loggerInstance: deps.log as FastifyBaseLogger,
    // X-Forwarded-For is believed only from the proxies named in TRUSTED_PROXIES (sign-in throttles by address).
    trustProxy: deps.config.trustedProxies.length > 0 ? deps.config.trustedProxies : false,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    // A URL Fastify cannot decode answers in the API's own shape, without echoing the URL back.
    frameworkErrors: (_error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      void reply.status(400).send({
        error: {
          code: 'request.invalid',
          message: 'The request could not be read (its URL or headers are malformed).',
        },
      });
    },
  };
  // An HTTPS server is an http.Server to every route and hook; only how it listens differs.
  const app = (
    options.https
      ? (Fastify({ ...serverOptions, https: options.https }) as unknown as FastifyInstance)
      : Fastify(serverOptions)
  ).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: {
        code: 'request.invalid',
        message: `No route ${request.method} ${request.url.split('?')[0] ?? ''}`.slice(0, 200),
      },
    }),
  );

  // Browser defences and compression first: both attach to the routes added after them.
  await registerCompression(app);
  await registerSecurityHeaders(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'casebridge API',
        version: '0.1.0',
        description:
          'Case files between police stations and prosecutors\u2019 offices. Errors: `{ error: { code, message, issues? } }`.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // No validator badge: it would ask validator.swagger.io, outside the intranet (and the CSP).
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { validatorUrl: null } });
  await app.register(cookie);
  registerOriginCheck(app, { sessionCookie: SESSION_COOKIE });
  await app.register(multipart, {
    limits: { fileSize: deps.config.maxDocumentBytes, files: 1, fields: 10, fieldSize: 1024 },
  });
  await app.register(rateLimit, { global: false });

  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || !request.url.startsWith('/api/')) return;
    const session = await resolveSession({ db: deps.db, clock: deps.clock, policy: deps.config, token });
    if (session)
      request.auth = { actor: session.actor, user: session.user, token, expiresAt: session.expiresAt };
  });

  // Every answer to a signed-in request says when its session ends (it slides), so that the web can warn
  // before it does without asking — asking would itself slide it.
  app.addHook('onSend', async (request, reply) => {
    if (request.auth) reply.header(SESSION_EXPIRES_HEADER, request.auth.expiresAt.toISOString());
  });

  // Latency by route pattern (never the raw URL: ids would make a series per case); 404s as one route.
  app.addHook('onResponse', async (request, reply) => {
    httpRequestSeconds.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // Liveness: the process serves HTTP (whatever the database does; restarting the node would not help it).
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  // Readiness: the database answers a query within a second.
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    if (await isDatabaseReady(deps.db, READY_WITHIN_MS)) return { status: 'ready' };
    return reply
      .status(503)
      .header('retry-after', String(RETRY_AFTER_SECONDS))
      .send({ status: 'unavailable' });
  });

  await registerAuthRoutes(app, deps);
  await registerAuditRoutes(app, deps);
  await registerModuleRoutes(app, deps);
  return app;
}
