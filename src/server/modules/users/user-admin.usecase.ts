import { randomInt } from 'node:crypto';
import type { AuditAction } from '../../../domain/audit-actions.js';
import { AppError } from '../../../domain/errors.js';
import { assertCan, type Actor } from '../../../domain/permissions.js';
import { rolesOfKind, type Role } from '../../../domain/roles.js';
import type { OneTimePassword, User } from '../../../domain/users.schema.js';
import type { Db, Tx } from '../../db/client.js';
import type { UserRow } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../platform/clock.js';
import { hashPassword } from '../../platform/passwords.js';
import { recordAudit } from '../audit/index.js';
import { deleteAccountThrottles, deleteChallenges, revokeUserSessions } from '../auth/index.js';
import { lockUserRow, updateUserRow } from './users.repository.js';
import { presentUser } from './users.usecase.js';

/** What every administrator's change of a user is given. */
export interface UserChangeInput {
  db: Db;
  clock: Clock;
  actor: Actor;
  userId: string;
  ip: string | null;
}

type LockedUser = NonNullable<Awaited<ReturnType<typeof lockUserRow>>>;

/**
 * The frame of an administrator's change to a user: permission, the user's row locked, the change, and its
 * audit entry (with what was before and after) in one transaction. An administrator may not take these
 * steps on their own account (`users.cannot_change_self`): another administrator does, so that no one
 * can lock everybody else out by mistake, or hide a change of their own role.
 */
async function changeUser(
  input: UserChangeInput & {
    action: AuditAction;
    change: (
      tx: Tx,
      user: LockedUser,
      now: Date,
    ) => Promise<{ row: UserRow; details: Record<string, unknown> }>;
  },
): Promise<User> {
  assertCan(input.actor, 'user.manage');
  if (input.userId === input.actor.userId) throw new AppError('users.cannot_change_self');
  const now = input.clock.now();
  return inTransaction(input.db, async (tx) => {
    const user = await lockUserRow(tx, input.userId);
    if (!user) throw new AppError('users.not_found');
    const { row, details } = await input.change(tx, user, now);
    await recordAudit(tx, {
      action: input.action,
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      resourceType: 'user',
      resourceId: user.id,
      orgId: user.org_id,
      ip: input.ip,
      at: now,
      details,
    });
    return presentUser({ ...row, totp_confirmed_at: user.totp_confirmed_at }, now);
  });
}

/** Disables a user (admin): every session and pending sign-in ends; the account signs in to nothing until enabled. */
export function disableUser(input: UserChangeInput): Promise<User> {
  return changeUser({
    ...input,
    action: 'user.disabled',
    change: async (tx, user, now) => {
      if (user.disabled_at) throw new AppError('users.already_in_state');
      const row = await updateUserRow(tx, user.id, { disabled_at: now });
      const sessionsEnded = await revokeUserSessions(tx, user.id, now);
      await deleteChallenges(tx, { userId: user.id });
      return { row, details: { sessionsEnded } };
    },
  });
}

/** Enables a disabled user again (admin). */
export function enableUser(input: UserChangeInput): Promise<User> {
  return changeUser({
    ...input,
    action: 'user.enabled',
    change: async (tx, user) => {
      if (!user.disabled_at) throw new AppError('users.already_in_state');
      const row = await updateUserRow(tx, user.id, { disabled_at: null });
      return { row, details: { disabledAt: user.disabled_at.toISOString() } };
    },
  });
}

/**
 * Unlocks a user (admin): the old lock-out ends, and the failed sign-ins counted for their username from
 * every address are forgotten (an address's own count, which covers other usernames too, stays).
 */
export function unlockUser(input: UserChangeInput): Promise<User> {
  return changeUser({
    ...input,
    action: 'user.unlocked',
    change: async (tx, user) => {
      const row = await updateUserRow(tx, user.id, { locked_until: null });
      const throttlesCleared = await deleteAccountThrottles(tx, user.username.toLowerCase());
      return { row, details: { throttlesCleared } };
    },
  });
}

/** Changes a user's role (admin), to one that fits their organisation's kind; their sessions end (the role is new). */
export function changeUserRole(input: UserChangeInput & { role: Role }): Promise<User> {
  return changeUser({
    ...input,
    action: 'user.role_changed',
    change: async (tx, user, now) => {
      if (!rolesOfKind[user.org_kind].includes(input.role))
        throw new AppError('users.role_not_for_organisation', {
          issues: [{ path: 'body.role', code: 'users.role_not_for_organisation' }],
        });
      const row = await updateUserRow(tx, user.id, { role: input.role });
      if (user.role !== input.role) await revokeUserSessions(tx, user.id, now);
      return { row, details: { before: { role: user.role }, after: { role: input.role } } };
    },
  });
}

// No 0/O, 1/l/I: read aloud or off a screen without doubt.
const OTP_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password: three groups of four from an unambiguous alphabet (about 59 bits). */
export function newOneTimePassword(): string {
  const group = () => Array.from({ length: 4 }, () => OTP_ALPHABET[randomInt(OTP_ALPHABET.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}

/**
 * Resets a user's password (admin) to a one-time password, answered once and never kept (only its hash):
 * it signs in only to choose a new password (`next: 'password'`). Sessions and pending sign-ins end.
 */
export async function resetUserPassword(input: UserChangeInput): Promise<OneTimePassword> {
  const oneTimePassword = newOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const user = await changeUser({
    ...input,
    action: 'user.password_reset',
    change: async (tx, user, now) => {
      const row = await updateUserRow(tx, user.id, {
        password_hash: passwordHash,
        must_change_password: true,
      });
      const sessionsEnded = await revokeUserSessions(tx, user.id, now);
      await deleteChallenges(tx, { userId: user.id });
      return { row, details: { sessionsEnded } };
    },
  });
  return { user, oneTimePassword };
}
