import type { FastifyRequest } from 'fastify';
import type { SessionUser } from '../../../domain/auth.schema.js';
import { AppError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/permissions.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';

export const SESSION_COOKIE = 'cb_session';

declare module 'fastify' {
  interface FastifyRequest {
    auth: { actor: Actor; user: SessionUser; token: string; expiresAt: Date } | null;
  }
}

/** The signed-in actor of a request, or throws `auth.unauthenticated` (401). */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.auth) throw new AppError('auth.unauthenticated');
  return request.auth.actor;
}

/** The client's address as the audit log records it. */
export function clientIp(request: FastifyRequest): string | null {
  return request.ip ?? null;
}

/** What every use case of a signed-in request is given: the database, the clock, who acts, from where. */
export function actingContext(
  deps: { db: Db; clock: Clock },
  request: FastifyRequest,
): { db: Db; clock: Clock; actor: Actor; ip: string | null } {
  return { db: deps.db, clock: deps.clock, actor: requireActor(request), ip: clientIp(request) };
}
