import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/permissions.js';
import type { Role } from '../../../domain/roles.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import { burnPasswordCheck, verifyPassword } from '../../platform/passwords.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findSessionUser, findUserByUsername, type SessionUserRow } from './auth.repository.js';
import { inTransaction } from '../../db/transaction.js';

/** The signed-in user as the API shows it. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  isDemo: boolean;
  org: { id: string; code: string; kind: string; nameFa: string; nameEn: string };
}

export interface AuthPolicy {
  sessionTtlMinutes: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

function presentSessionUser(row: SessionUserRow): SessionUser {
  return {
    id: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    isDemo: row.is_demo,
    org: {
      id: row.org_id,
      code: row.org_code,
      kind: row.org_kind,
      nameFa: row.org_name_fa,
      nameEn: row.org_name_en,
    },
  };
}

type Attempt =
  | { kind: 'ok'; token: string; expiresAt: Date }
  | { kind: 'bad'; attemptsLeft: number }
  | { kind: 'locked'; lockedUntil: Date };

/**
 * Signs a user in with username and password. Failures are counted per account; after
 * `loginMaxFailures` in a row the account is locked for `loginLockMinutes` (answer `auth.locked`
 * with the time it opens again). Unknown usernames cost the same time as known ones.
 */
export async function login(input: {
  db: Db;
  clock: Clock;
  policy: AuthPolicy;
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}): Promise<{ token: string; expiresAt: Date; user: SessionUser }> {
  const { db, clock, policy } = input;
  const now = clock.now();
  const attempt = await inTransaction(db, async (tx): Promise<Attempt> => {
    const user = await findUserByUsername(tx, input.username);
    if (!user || user.disabled_at) {
      await burnPasswordCheck(input.password);
      await recordAudit(tx, {
        action: 'auth.login_failed',
        actorUserId: null,
        actorOrgId: null,
        resourceType: 'user',
        resourceId: null,
        orgId: null,
        ip: input.ip,
        at: now,
        details: { reason: 'unknown_user' },
      });
      return { kind: 'bad', attemptsLeft: policy.loginMaxFailures };
    }
    await tx.selectFrom('users').select('id').where('id', '=', user.id).forUpdate().execute();
    const base = {
      actorUserId: user.id,
      actorOrgId: user.org_id,
      resourceType: 'user',
      resourceId: user.id,
      orgId: user.org_id,
      ip: input.ip,
      at: now,
    };
    if (user.locked_until && user.locked_until > now) {
      await recordAudit(tx, { ...base, action: 'auth.login_failed', details: { reason: 'locked' } });
      return { kind: 'locked', lockedUntil: user.locked_until };
    }
    if (!(await verifyPassword(user.password_hash, input.password))) {
      const failures = user.failed_logins + 1;
      if (failures >= policy.loginMaxFailures) {
        const lockedUntil = new Date(now.getTime() + policy.loginLockMinutes * 60_000);
        await tx
          .updateTable('users')
          .set({ failed_logins: 0, locked_until: lockedUntil })
          .where('id', '=', user.id)
          .execute();
        await recordAudit(tx, { ...base, action: 'auth.locked', details: { failures } });
        return { kind: 'locked', lockedUntil };
      }
      await tx.updateTable('users').set({ failed_logins: failures }).where('id', '=', user.id).execute();
      await recordAudit(tx, {
        ...base,
        action: 'auth.login_failed',
        details: { reason: 'bad_password', failures },
      });
      return { kind: 'bad', attemptsLeft: policy.loginMaxFailures - failures };
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + policy.sessionTtlMinutes * 60_000);
    await tx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute();
    await tx
      .insertInto('sessions')
      .values({
        token_hash: tokenHash(token),
        user_id: user.id,
        created_at: now,
        expires_at: expiresAt,
        last_seen_at: now,
        ip: input.ip,
        user_agent: input.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    await recordAudit(tx, { ...base, action: 'auth.login' });
    return { kind: 'ok', token, expiresAt };
  });
  if (attempt.kind === 'locked') {
    throw new AppError('auth.locked', { details: { lockedUntil: attempt.lockedUntil.toISOString() } });
  }
  if (attempt.kind === 'bad')
    throw new AppError('auth.invalid_credentials', { details: { attemptsLeft: attempt.attemptsLeft } });
  const user = await findSessionUser(db, tokenHash(attempt.token), now);
  if (!user) throw new AppError('internal.error');
  return { token: attempt.token, expiresAt: attempt.expiresAt, user: presentSessionUser(user) };
}

/** The user behind a session cookie, or null if absent, expired or revoked. Extends a session past half its life. */
export async function resolveSession(input: {
  db: Db;
  clock: Clock;
  policy: AuthPolicy;
  token: string;
}): Promise<{ actor: Actor; user: SessionUser; expiresAt: Date } | null> {
  const now = input.clock.now();
  const hash = tokenHash(input.token);
  const row = await findSessionUser(input.db, hash, now);
  if (!row) return null;
  let expiresAt = row.expires_at;
  const ttl = input.policy.sessionTtlMinutes * 60_000;
  if (expiresAt.getTime() - now.getTime() < ttl / 2) {
    expiresAt = new Date(now.getTime() + ttl);
    await input.db
      .updateTable('sessions')
      .set({ expires_at: expiresAt, last_seen_at: now })
      .where('token_hash', '=', hash)
      .execute();
  }
  const user = presentSessionUser(row);
  return { actor: { userId: user.id, orgId: user.org.id, role: user.role }, user, expiresAt };
}

/** Revokes a session on the server, so the cookie is worthless even if kept. */
export async function logout(input: {
  db: Db;
  clock: Clock;
  token: string;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  const now = input.clock.now();
  await inTransaction(input.db, async (tx) => {
    await tx
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('token_hash', '=', tokenHash(input.token))
      .execute();
    await recordAudit(tx, {
      action: 'auth.logout',
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      resourceType: 'user',
      resourceId: input.actor.userId,
      orgId: input.actor.orgId,
      ip: input.ip,
      at: now,
    });
  });
}
