import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

/**
 * The Fastify app every route and hook registers on, with zod schemas as its type provider. It lives apart from
 * `app.ts`, which builds the app from the modules' routes: a route file naming this type would otherwise import
 * the file that imports it (a circle).
 */
export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;
