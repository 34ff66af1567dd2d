import { createHash } from 'node:crypto';
import type { SignInThrottle, ClearThrottleBody } from '../../../domain/auth.schema.js';
import { AppError } from '../../../domain/errors.js';
import { assertCan, type Actor } from '../../../domain/permissions.js';
import type { Db, Tx } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../platform/clock.js';
import { recordAudit } from '../audit/audit.repository.js';
import {
  blockUntil,
  countFailure,
  deleteForgottenThrottles,
  deleteThrottle,
  findBlockedUntil,
  listThrottles,
  type AttemptSource,
} from './throttle.repository.js';

/** How failed sign-ins are throttled (from the configuration). */
export interface ThrottlePolicy {
  /** Failures of one username from one address before the pair waits. */
  loginMaxFailures: number;
  /** Failures from one address, whatever the usernames, before the address waits. */
  loginIpMaxFailures: number;
  /** The first wait; it doubles with each further failure. */
  loginThrottleSeconds: number;
  loginMaxWaitMinutes: number;
}

/** A count of failures is forgotten this long after its last failure. */
const FORGET_AFTER_MS = 24 * 60 * 60_000;

/**
 * The key a sign-in attempt is counted under: a known user's username (lower-cased), or for a name that is
 * no user a hash of it — people type their password into the username field, and it must not be kept.
 */
export function attemptSource(input: {
  username: string;
  knownUser: boolean;
  ip: string | null;
}): AttemptSource {
  const lower = input.username.trim().toLowerCase();
  return {
    usernameKey: input.knownUser
      ? lower
      : `#${createHash('sha256').update(lower).digest('hex').slice(0, 16)}`,
    address: input.ip ?? 'unknown',
  };
}

/** The wait after `failures`, once `limit` is reached: base × 2^(failures − limit), at most the maximum. */
export function throttleWaitMs(failures: number, limit: number, policy: ThrottlePolicy): number | null {
  if (failures < limit) return null;
  const doublings = Math.min(failures - limit, 30);
  return Math.min(policy.loginThrottleSeconds * 1000 * 2 ** doublings, policy.loginMaxWaitMinutes * 60_000);
}

/**
 * Refuses (429 `auth.throttled`, with the seconds to wait) an attempt from a pair or address that must wait,
 * and audits the refusal. Nothing else is done for a refused attempt: no password hash is computed.
 */
export async function refuseIfThrottled(input: {
  db: Db;
  now: Date;
  source: AttemptSource;
  userId: string | null;
  orgId: string | null;
  step: 'password' | 'code';
}): Promise<void> {
  const until = await findBlockedUntil(input.db, input.source, input.now);
  if (!until) return;
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - input.now.getTime()) / 1000));
  await inTransaction(input.db, (tx) =>
    recordAudit(tx, {
      action: 'auth.throttled',
      actorUserId: null,
      actorOrgId: null,
      resourceType: 'user',
      resourceId: input.userId,
      orgId: input.orgId,
      ip: input.source.address,
      at: input.now,
      details: { step: input.step, retryAfterSeconds },
    }),
  );
  throw new AppError('auth.throttled', { details: { retryAfterSeconds } });
}

/** Counts a failed attempt for its pair and address, and makes them wait when they reach their limits. */
export async function recordFailedAttempt(
  tx: Tx,
  input: { source: AttemptSource; now: Date; policy: ThrottlePolicy },
): Promise<void> {
  const { source, now, policy } = input;
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS);
  await deleteForgottenThrottles(tx, forgetBefore, now);
  const counts = await countFailure(tx, source, now, forgetBefore);
  for (const { scope, failures } of counts) {
    const limit = scope === 'address' ? policy.loginIpMaxFailures : policy.loginMaxFailures;
    const wait = throttleWaitMs(failures, limit, policy);
    if (wait === null) continue;
    await blockUntil(
      tx,
      { scope, usernameKey: scope === 'address' ? '' : source.usernameKey, address: source.address },
      new Date(now.getTime() + wait),
    );
  }
}

/** The pairs and addresses with recent failures or a wait in force (administrators). */
export async function listSignInThrottles(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
}): Promise<SignInThrottle[]> {
  assertCan(input.actor, 'user.manage');
  const now = input.clock.now();
  const rows = await listThrottles(input.db, new Date(now.getTime() - FORGET_AFTER_MS), now, 500);
  return rows.map((r) => ({
    scope: r.scope,
    username: r.scope === 'account_address' ? r.user_username : null,
    key: r.username,
    address: r.address,
    failures: r.failures,
    lastFailureAt: r.last_failure_at.toISOString(),
    blockedUntil: r.blocked_until && r.blocked_until > now ? r.blocked_until.toISOString() : null,
  }));
}

/** Clears a pair's or an address's failures and wait (administrators); audited. */
export async function clearSignInThrottle(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  body: ClearThrottleBody;
  ip: string | null;
}): Promise<void> {
  assertCan(input.actor, 'user.manage');
  const now = input.clock.now();
  const { scope, key, address } = input.body;
  await inTransaction(input.db, async (tx) => {
    const cleared = await deleteThrottle(tx, { scope, usernameKey: scope === 'address' ? '' : key, address });
    const user =
      scope === 'account_address' && !key.startsWith('#')
        ? await tx
            .selectFrom('users')
            .select(['id', 'org_id'])
            .where((eb) => eb(eb.fn('lower', ['username']), '=', key))
            .executeTakeFirst()
        : undefined;
    await recordAudit(tx, {
      action: 'auth.throttle_cleared',
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      resourceType: 'user',
      resourceId: user?.id ?? null,
      orgId: user?.org_id ?? null,
      ip: input.ip,
      at: now,
      details: { scope, address, cleared },
    });
  });
}
