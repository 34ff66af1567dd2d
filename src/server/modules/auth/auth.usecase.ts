import { createHash, randomBytes } from 'node:crypto';
import type { SessionUser } from '../../../domain/auth.schema.js';
import { AppError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/permissions.js';
import type { Role } from '../../../domain/roles.js';
import type { Db, Tx } from '../../db/client.js';
import type { UserRow } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../platform/clock.js';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../../platform/passwords.js';
import { recordAudit, type AuditEntry } from '../audit/index.js';
import {
  deleteChallenges,
  findChallenge,
  findSessionUser,
  extendSession,
  findUserById,
  findUserByUsername,
  insertChallenge,
  insertSession,
  revokeSession,
  setPassword,
  type ChallengeRow,
  type SessionUserRow,
} from './auth.repository.js';
import { forgetPairFailures, type AttemptSource } from './throttle.repository.js';
import {
  attemptSource,
  recordFailedAttempt,
  refuseIfThrottled,
  type ThrottlePolicy,
} from './throttle.usecase.js';
import { hasConfirmedTotp } from './totp.repository.js';
import { checkSecondFactor, confirmTotpEnrolment, type EnrolmentSubject } from './totp.usecase.js';

export interface AuthPolicy extends ThrottlePolicy {
  sessionTtlMinutes: number;
  /** Roles that must sign in with a second factor. */
  totpRequiredRoles: readonly Role[];
}

/** How long the state between a right password and the second step lasts (enrolment included). */
export const CHALLENGE_TTL_MS = 10 * 60_000;

/** The database keeps only the SHA-256 of session and challenge tokens. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

function presentSessionUser(row: SessionUserRow): SessionUser {
  return {
    id: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    isDemo: row.is_demo,
    totpEnabled: row.totp_confirmed_at !== null,
    org: {
      id: row.org_id,
      code: row.org_code,
      kind: row.org_kind,
      nameFa: row.org_name_fa,
      nameEn: row.org_name_en,
    },
  };
}

/** A session, or the next step of signing in (its token goes in a short-lived cookie). */
export type SignInStep =
  | { kind: 'session'; token: string; expiresAt: Date; user: SessionUser }
  | { kind: 'challenge'; next: 'totp' | 'enrol' | 'password'; token: string; expiresAt: Date };

const userAudit = (user: Pick<UserRow, 'id' | 'org_id'>, ip: string | null, at: Date) =>
  ({
    actorUserId: user.id,
    actorOrgId: user.org_id,
    resourceType: 'user',
    resourceId: user.id,
    orgId: user.org_id,
    ip,
    at,
  }) satisfies Partial<AuditEntry>;

/** An audit entry about the signed-in user's own session (extended, ended). */
const ownAudit = (actor: Actor, ip: string | null, at: Date) =>
  userAudit({ id: actor.userId, org_id: actor.orgId }, ip, at);

/** Opens a session for the user in the caller's transaction and audits the sign-in. */
export async function openSession(
  tx: Tx,
  input: {
    user: Pick<UserRow, 'id' | 'org_id'>;
    now: Date;
    ttlMinutes: number;
    ip: string | null;
    userAgent: string | null;
    factor: 'password' | 'totp' | 'recovery_code';
  },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + input.ttlMinutes * 60_000);
  await insertSession(tx, {
    tokenHash: tokenHash(token),
    userId: input.user.id,
    now: input.now,
    expiresAt,
    ip: input.ip,
    userAgent: input.userAgent,
  });
  await recordAudit(tx, {
    ...userAudit(input.user, input.ip, input.now),
    action: 'auth.login',
    details: { factor: input.factor },
  });
  return { token, expiresAt };
}

/** The signed-in user of a fresh session token. */
export async function sessionUserOf(db: Db, token: string, now: Date): Promise<SessionUser> {
  const row = await findSessionUser(db, tokenHash(token), now);
  if (!row) throw new AppError('internal.error');
  return presentSessionUser(row);
}

/**
 * The first step of signing in: username and password. An unknown username, a wrong password, and a
 * disabled or locked account all get the same answer (401 `auth.invalid_credentials`, no details) after
 * the same work (one Argon2id verify — against a dummy hash for an unknown name — and one counted failure);
 * a disabled or locked account is told only after its right password. Failures are counted per
 * (username, address) and per address; a pair or address over its limit is refused (429 `auth.throttled`)
 * before any password is checked, and no account is ever locked by failures. After the right password: a
 * session, or the second step (`totp`), or enrolment first when the user's role requires a second factor.
 */
export async function login(input: {
  db: Db;
  clock: Clock;
  policy: AuthPolicy;
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}): Promise<SignInStep> {
  const { db, clock, policy } = input;
  const now = clock.now();
  const user = await findUserByUsername(db, input.username);
  const source = attemptSource({ username: input.username, knownUser: user !== null, ip: input.ip });
  await refuseIfThrottled({
    db,
    now,
    source,
    userId: user?.id ?? null,
    orgId: user?.org_id ?? null,
    step: 'password',
  });

  let passwordOk = false;
  if (user) passwordOk = await verifyPassword(user.password_hash, input.password);
  else await burnPasswordCheck(input.password);

  if (!user || !passwordOk) {
    await inTransaction(db, async (tx) => {
      await recordFailedAttempt(tx, { source, now, policy });
      await recordAudit(tx, {
        action: 'auth.login_failed',
        actorUserId: null,
        actorOrgId: null,
        resourceType: 'user',
        resourceId: user?.id ?? null,
        orgId: user?.org_id ?? null,
        ip: input.ip,
        at: now,
        details: { reason: user ? 'bad_password' : 'unknown_user' },
      });
    });
    throw new AppError('auth.invalid_credentials');
  }

  const locked = user.locked_until !== null && user.locked_until > now;
  if (user.disabled_at || locked) {
    await inTransaction(db, (tx) =>
      recordAudit(tx, {
        ...userAudit(user, input.ip, now),
        action: 'auth.login_failed',
        details: { reason: user.disabled_at ? 'disabled' : 'locked' },
      }),
    );
    if (user.disabled_at) throw new AppError('auth.account_disabled');
    throw new AppError('auth.locked', { details: { lockedUntil: user.locked_until!.toISOString() } });
  }

  return afterPassword({
    ...input,
    now,
    source,
    user: { ...user, mustChangePassword: user.must_change_password },
  });
}

/**
 * What follows a right password: a new password first when the password was a one-time one (an
 * administrator's reset), then the second factor (or enrolment when the role requires it), then a session.
 */
async function afterPassword(input: {
  db: Db;
  policy: AuthPolicy;
  now: Date;
  source: AttemptSource;
  user: Pick<UserRow, 'id' | 'org_id' | 'role'> & { mustChangePassword: boolean };
  ip: string | null;
  userAgent: string | null;
}): Promise<SignInStep> {
  const { db, policy, now, source, user } = input;
  const next = user.mustChangePassword
    ? 'password'
    : (await hasConfirmedTotp(db, user.id))
      ? 'totp'
      : policy.totpRequiredRoles.includes(user.role as Role)
        ? 'enrol'
        : null;
  const opened = await inTransaction(db, async (tx) => {
    // The pair's failures are forgotten only once signed in: otherwise whoever knows the password could
    // reset the count between guesses of the code by typing the password again.
    if (next) {
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS);
      await insertChallenge(tx, {
        tokenHash: tokenHash(token),
        userId: user.id,
        purpose: next,
        username: source.usernameKey,
        address: source.address,
        now,
        expiresAt,
      });
      return { kind: 'challenge', next, token, expiresAt } as const;
    }
    await forgetPairFailures(tx, source);
    const session = await openSession(tx, {
      user,
      now,
      ttlMinutes: policy.sessionTtlMinutes,
      ip: input.ip,
      userAgent: input.userAgent,
      factor: 'password',
    });
    return { kind: 'opened', ...session } as const;
  });
  if (opened.kind === 'challenge') return opened;
  const { token, expiresAt } = opened;
  return { kind: 'session', token, expiresAt, user: await sessionUserOf(db, token, now) };
}

/**
 * After signing in with a one-time password: sets the user's new password (never the one-time one again,
 * `auth.password_unchanged`), ends the challenge, audits the change, and goes on to the second factor or a
 * session as an ordinary sign-in would.
 */
export async function changePasswordAtSignIn(input: {
  db: Db;
  clock: Clock;
  policy: AuthPolicy;
  challengeToken: string | undefined;
  newPassword: string;
  ip: string | null;
  userAgent: string | null;
}): Promise<SignInStep> {
  const { db } = input;
  const now = input.clock.now();
  const challenge = await getChallenge(db, input.challengeToken, 'password', now);
  const user = await findUserById(db, challenge.user_id);
  if (!user) throw new AppError('auth.sign_in_expired');
  if (await verifyPassword(user.password_hash, input.newPassword))
    throw new AppError('auth.password_unchanged');
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(db, async (tx) => {
    await setPassword(tx, user.id, { passwordHash, mustChange: false });
    await deleteChallenges(tx, { tokenHash: challenge.token_hash });
    await recordAudit(tx, { ...userAudit(user, input.ip, now), action: 'auth.password_changed' });
  });
  return afterPassword({
    ...input,
    now,
    source: { usernameKey: challenge.username, address: input.ip ?? 'unknown' },
    user: { ...user, mustChangePassword: false },
  });
}

/** The pending sign-in behind a challenge token, if still in force and of this purpose; else `auth.sign_in_expired`. */
export async function getChallenge(
  db: Db,
  token: string | undefined,
  purpose: 'totp' | 'enrol' | 'password',
  now: Date,
): Promise<ChallengeRow> {
  const challenge = token ? await findChallenge(db, tokenHash(token), now) : null;
  if (!challenge || challenge.purpose !== purpose) throw new AppError('auth.sign_in_expired');
  return challenge;
}

/**
 * The second step: a code from the authenticator app (never accepted twice) or an unused recovery code.
 * Wrong codes are counted and throttled like wrong passwords (same pair and address).
 */
export async function completeSignIn(input: {
  db: Db;
  clock: Clock;
  policy: AuthPolicy;
  box: SecretBox;
  challengeToken: string | undefined;
  code: string;
  ip: string | null;
  userAgent: string | null;
}): Promise<{ token: string; expiresAt: Date; user: SessionUser }> {
  const { db, policy } = input;
  const now = input.clock.now();
  const challenge = await getChallenge(db, input.challengeToken, 'totp', now);
  const user = { id: challenge.user_id, org_id: challenge.org_id };
  const source = { usernameKey: challenge.username, address: input.ip ?? 'unknown' };
  await refuseIfThrottled({ db, now, source, userId: user.id, orgId: user.org_id, step: 'code' });
  const result = await inTransaction(db, async (tx) => {
    const factor = await checkSecondFactor(tx, { box: input.box, userId: user.id, code: input.code, now });
    if (!factor) {
      await recordFailedAttempt(tx, { source, now, policy });
      await recordAudit(tx, { ...userAudit(user, input.ip, now), action: 'auth.second_factor_failed' });
      return null;
    }
    if (factor.via === 'recovery_code')
      await recordAudit(tx, {
        ...userAudit(user, input.ip, now),
        action: 'auth.recovery_code_used',
        details: { left: factor.recoveryCodesLeft },
      });
    await deleteChallenges(tx, { tokenHash: challenge.token_hash });
    await forgetPairFailures(tx, source);
    return openSession(tx, {
      user,
      now,
      ttlMinutes: policy.sessionTtlMinutes,
      ip: input.ip,
      userAgent: input.userAgent,
      factor: factor.via,
    });
  });
  if (!result) throw new AppError('auth.invalid_code');
  return { ...result, user: await sessionUserOf(db, result.token, now) };
}

/**
 * Confirms TOTP enrolment with a first code (see `confirmTotpEnrolment`); for a sign-in that had to enrol
 * first (`challengeHash`), the same transaction ends the challenge and opens the session.
 */
export async function confirmEnrolment(input: {
  db: Db;
  clock: Clock;
  policy: AuthPolicy;
  box: SecretBox;
  subject: EnrolmentSubject;
  challengeHash: string | null;
  code: string;
  ip: string | null;
  userAgent: string | null;
}): Promise<{
  recoveryCodes: string[];
  session: { token: string; expiresAt: Date; user: SessionUser } | null;
}> {
  const { subject, challengeHash } = input;
  const { recoveryCodes, then } = await confirmTotpEnrolment({
    ...input,
    inTx: async (tx, now) => {
      if (!challengeHash) return null;
      await deleteChallenges(tx, { tokenHash: challengeHash });
      return openSession(tx, {
        user: { id: subject.userId, org_id: subject.orgId },
        now,
        ttlMinutes: input.policy.sessionTtlMinutes,
        ip: input.ip,
        userAgent: input.userAgent,
        factor: 'totp',
      });
    },
  });
  if (!then) return { recoveryCodes, session: null };
  return {
    recoveryCodes,
    session: { ...then, user: await sessionUserOf(input.db, then.token, input.clock.now()) },
  };
}

/** The user behind a session cookie, or null if absent, expired or revoked. Extends a session past half its life. */
export async function resolveSession(input: {
  db: Db;
  clock: Clock;
  policy: { sessionTtlMinutes: number };
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
    await extendSession(input.db, hash, { expiresAt, lastSeenAt: now });
  }
  const user = presentSessionUser(row);
  return { actor: { userId: user.id, orgId: user.org.id, role: user.role }, user, expiresAt };
}

/**
 * Extends the caller's live session to a whole lifetime from now (the web offers it five minutes before the
 * session ends), audited in the same transaction. An ended or revoked session never gets here: its request has
 * no actor (401 `auth.unauthenticated`).
 */
export async function extendOwnSession(input: {
  db: Db;
  clock: Clock;
  policy: { sessionTtlMinutes: number };
  token: string;
  actor: Actor;
  ip: string | null;
}): Promise<{ expiresAt: Date }> {
  const now = input.clock.now();
  const expiresAt = new Date(now.getTime() + input.policy.sessionTtlMinutes * 60_000);
  await inTransaction(input.db, async (tx) => {
    await extendSession(tx, tokenHash(input.token), { expiresAt, lastSeenAt: now });
    await recordAudit(tx, { ...ownAudit(input.actor, input.ip, now), action: 'auth.session_extended' });
  });
  return { expiresAt };
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
    await revokeSession(tx, tokenHash(input.token), now);
    await recordAudit(tx, { ...ownAudit(input.actor, input.ip, now), action: 'auth.logout' });
  });
}
