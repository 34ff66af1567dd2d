import { AppError } from '../../../domain/errors.js';
import { intakeSteps, type IntakeState, type IntakeStep } from '../../../domain/intake/intake-actions.js';
import { assertStepState } from '../../../domain/item-steps.js';
import { assertCan, type Action, type Actor } from '../../../domain/permissions.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import type { IntakeFileRow } from '../../db/schema.js';
import { findSender, senderOf, type Sender } from '../correspondence/index.js';
import { findIntakeFile, findIntakeFileWithSender } from './intake-files.repository.js';

/**
 * Loads an intake file for an actor about to take `action` on it: another office's file, like one that
 * does not exist, is `intake.not_found`. With `forUpdate`, the row stays locked until the transaction ends.
 */
export async function loadIntakeFor(input: {
  db: DbOrTx;
  actor: Actor;
  intakeId: string;
  action: Action;
  forUpdate?: boolean;
}): Promise<IntakeFileRow> {
  const row = await findIntakeFile(input.db, input.intakeId, { forUpdate: input.forUpdate ?? false });
  if (!row) throw new AppError('intake.not_found');
  assertCan(input.actor, input.action, { orgId: row.org_id, notFound: 'intake.not_found' });
  return row;
}

/**
 * `loadIntakeFor`, and in the same statement the actor as the sender of a message from the file's
 * office (`senderColumns`): for the use cases that answer the station. One round trip instead of two.
 */
export async function loadIntakeWithSender(input: {
  db: Tx;
  actor: Actor;
  intakeId: string;
  action: Action;
  forUpdate?: boolean;
}): Promise<{ file: IntakeFileRow; sender: Sender }> {
  const signer = { orgId: input.actor.orgId, userId: input.actor.userId };
  const found = await findIntakeFileWithSender(input.db, input.intakeId, signer, {
    forUpdate: input.forUpdate ?? false,
  });
  if (!found) throw new AppError('intake.not_found');
  assertCan(input.actor, input.action, { orgId: found.org_id, notFound: 'intake.not_found' });
  const { organisation, signer_name, competent_office, ...file } = found;
  // The sender read was the actor's organisation; for an action allowed on other offices' files, it is the file's.
  const sender =
    file.org_id === signer.orgId
      ? senderOf({ organisation, signer_name, competent_office }, signer.userId)
      : await findSender(input.db, { orgId: file.org_id, userId: signer.userId });
  return { file, sender };
}

/** An intake file row as its steps (`intakeSteps`) see it. */
export function intakeStateOf(row: Pick<IntakeFileRow, 'org_id' | 'status'>): IntakeState {
  return { orgId: row.org_id, status: row.status };
}

/**
 * Throws `intake.invalid_state` unless the file's status takes the step — the same rule that sets the
 * file's `allowed` flag for it.
 */
export function assertIntakeStep(step: IntakeStep, row: Pick<IntakeFileRow, 'org_id' | 'status'>): void {
  assertStepState(intakeSteps[step], intakeStateOf(row));
}
