import type { TotpEnrolment } from '../../../domain/auth.schema.js';
import { AppError } from '../../../domain/errors.js';
import type { Db, Tx } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../platform/clock.js';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import { recordAudit } from '../audit/audit.repository.js';
import {
  acceptStep,
  countUnusedRecoveryCodes,
  lockTotp,
  replaceRecoveryCodes,
  saveUnconfirmedTotp,
  useRecoveryCode,
} from './totp.repository.js';
import {
  enrolmentPicture,
  isRecoveryCodeForm,
  matchingStep,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
} from './totp.rules.js';

/** Whose second factor is being set up: the signed-in user, or the user of a pending sign-in. */
export interface EnrolmentSubject {
  userId: string;
  orgId: string;
  username: string;
}

/**
 * Checks a second-factor code inside the caller's transaction: six digits from the authenticator app
 * (a step after the last one accepted, which is then recorded) or an unused recovery code (then spent).
 * Null when it is neither.
 */
export async function checkSecondFactor(
  tx: Tx,
  input: { box: SecretBox; userId: string; code: string; now: Date },
): Promise<{ via: 'totp' } | { via: 'recovery_code'; recoveryCodesLeft: number } | null> {
  const totp = await lockTotp(tx, input.userId);
  if (!totp?.confirmed_at) return null;
  if (isRecoveryCodeForm(input.code)) {
    if (!(await useRecoveryCode(tx, input.userId, recoveryCodeHash(input.code), input.now))) return null;
    return { via: 'recovery_code', recoveryCodesLeft: await countUnusedRecoveryCodes(tx, input.userId) };
  }
  const step = matchingStep(input.box.open(totp.secret_sealed, input.userId), input.code, input.now);
  if (step === null || step <= totp.last_used_step) return null;
  await acceptStep(tx, input.userId, step);
  return { via: 'totp' };
}

/**
 * Starts setting up TOTP: a new secret (kept sealed, unconfirmed until a first code) and the QR code to
 * scan. Refused (`auth.totp_already_enrolled`) when the user already has a confirmed one: an administrator
 * resets it first.
 */
export async function startTotpEnrolment(input: {
  db: Db;
  clock: Clock;
  box: SecretBox;
  subject: EnrolmentSubject;
}): Promise<TotpEnrolment> {
  const { subject } = input;
  const secret = newTotpSecret();
  await inTransaction(input.db, async (tx) => {
    const existing = await lockTotp(tx, subject.userId);
    if (existing?.confirmed_at) throw new AppError('auth.totp_already_enrolled');
    await saveUnconfirmedTotp(tx, subject.userId, input.box.seal(secret, subject.userId), input.clock.now());
  });
  return { secret, ...(await enrolmentPicture(secret, subject.username)) };
}

/**
 * Confirms TOTP with a first code and makes ten recovery codes (returned once; only their hashes are kept).
 * `inTx` runs in the same transaction (the pending sign-in opens its session there).
 */
export async function confirmTotpEnrolment<T>(input: {
  db: Db;
  clock: Clock;
  box: SecretBox;
  subject: EnrolmentSubject;
  code: string;
  ip: string | null;
  inTx: (tx: Tx, now: Date) => Promise<T>;
}): Promise<{ recoveryCodes: string[]; then: T }> {
  const { subject } = input;
  const now = input.clock.now();
  return inTransaction(input.db, async (tx) => {
    const totp = await lockTotp(tx, subject.userId);
    if (!totp || totp.confirmed_at) throw new AppError('auth.totp_not_started');
    const step = matchingStep(input.box.open(totp.secret_sealed, subject.userId), input.code, now);
    if (step === null) throw new AppError('auth.invalid_code');
    await acceptStep(tx, subject.userId, step, now);
    const recoveryCodes = newRecoveryCodes();
    await replaceRecoveryCodes(tx, subject.userId, recoveryCodes.map(recoveryCodeHash));
    await recordAudit(tx, {
      action: 'auth.totp_enrolled',
      actorUserId: subject.userId,
      actorOrgId: subject.orgId,
      resourceType: 'user',
      resourceId: subject.userId,
      orgId: subject.orgId,
      ip: input.ip,
      at: now,
      details: { recoveryCodes: recoveryCodes.length },
    });
    return { recoveryCodes, then: await input.inTx(tx, now) };
  });
}
