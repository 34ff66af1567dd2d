import { AppError } from '../../../domain/errors.js';
import { assertCan, type Action, type Actor } from '../../../domain/permissions.js';
import { expressionBuilder } from 'kysely';
import type { DbOrTx, Tx } from '../../db/client.js';
import type { Database, IntakeFileRow } from '../../db/schema.js';
import { findSender, senderColumns, senderOf, type Sender } from '../submission/sender.repository.js';
import { findIntakeFile } from './intake-files.repository.js';

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
  let query = input.db
    .selectFrom('intake_files')
    .selectAll('intake_files')
    .select(senderColumns(expressionBuilder<Database, never>(), signer))
    .where('id', '=', input.intakeId);
  if (input.forUpdate) query = query.forUpdate();
  const found = await query.executeTakeFirst();
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
