import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import { assertCan, type Actor } from '../../../domain/permissions.js';
import type { Role } from '../../../domain/roles.js';
import type { CreateUserBody, User } from '../../../domain/users.schema.js';
import type { Db } from '../../db/client.js';
import type { UserRow } from '../../db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { hashPassword } from '../../platform/passwords.js';
import { recordAudit } from '../audit/index.js';
import { deleteChallenges, findUserById, findUserByUsername, deleteTotp } from '../auth/index.js';
import { findOrganisation } from '../organisations/index.js';
import { inTransaction } from '../../db/transaction.js';
import { insertUser, listUserRows } from './users.repository.js';
export { presentUser };

function presentUser(
  row: UserRow & { totp_confirmed_at: Date | null; throttled?: boolean },
  now: Date,
): User {
  return {
    id: row.id,
    orgId: row.org_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    isDemo: row.is_demo,
    locked: (row.locked_until !== null && row.locked_until > now) || row.throttled === true,
    disabled: row.disabled_at !== null,
    mustChangePassword: row.must_change_password,
    totpEnabled: row.totp_confirmed_at !== null,
  };
}

/**
 * Creates a user in an organisation with an Argon2id-hashed password. `actor` is null when the
 * node's operator runs `casebridge users add` on the machine itself.
 */
export async function createUser(input: {
  db: Db;
  clock: Clock;
  actor: Actor | null;
  body: CreateUserBody & { isDemo?: boolean };
  ip?: string | null;
}): Promise<User> {
  if (input.actor) assertCan(input.actor, 'user.manage');
  const { body } = input;
  const passwordHash = await hashPassword(body.password);
  const now = input.clock.now();
  return inTransaction(input.db, async (tx) => {
    if (!(await findOrganisation(tx, body.orgId))) throw new AppError('organisations.not_found');
    if (await findUserByUsername(tx, body.username)) throw new AppError('users.username_taken');
    const row = await insertUser(tx, {
      id: randomUUID(),
      org_id: body.orgId,
      username: body.username,
      display_name: body.displayName,
      role: body.role,
      password_hash: passwordHash,
      is_demo: body.isDemo ?? false,
      created_at: now,
    });
    await recordAudit(tx, {
      action: 'user.created',
      actorUserId: input.actor?.userId ?? null,
      actorOrgId: input.actor?.orgId ?? null,
      resourceType: 'user',
      resourceId: row.id,
      orgId: row.org_id,
      ip: input.ip ?? null,
      at: now,
      details: { role: row.role },
    });
    return presentUser({ ...row, totp_confirmed_at: null }, now);
  });
}

/** The users of the node (admin), optionally of one organisation. */
export async function listUsers(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  orgId?: string | undefined;
}): Promise<User[]> {
  assertCan(input.actor, 'user.manage');
  const now = input.clock.now();
  return (await listUserRows(input.db, { orgId: input.orgId, now })).map((r) => presentUser(r, now));
}

/**
 * Removes a user's second factor and recovery codes (administrators), e.g. after a lost phone; their
 * pending sign-ins end too. With TOTP required for their role, they enrol again at their next sign-in.
 */
export async function resetSecondFactor(input: {
  db: Db;
  clock: Clock;
  actor: Actor;
  userId: string;
  ip: string | null;
}): Promise<void> {
  assertCan(input.actor, 'user.manage');
  const now = input.clock.now();
  await inTransaction(input.db, async (tx) => {
    const user = await findUserById(tx, input.userId);
    if (!user) throw new AppError('users.not_found');
    const removed = await deleteTotp(tx, user.id);
    await deleteChallenges(tx, { userId: user.id });
    await recordAudit(tx, {
      action: 'auth.totp_reset',
      actorUserId: input.actor.userId,
      actorOrgId: input.actor.orgId,
      resourceType: 'user',
      resourceId: user.id,
      orgId: user.org_id,
      ip: input.ip,
      at: now,
      details: { removed },
    });
  });
}
