import { AppError } from '../../../domain/errors.js';
import { assertCan, type Action, type Actor } from '../../../domain/permissions.js';
import type { DbOrTx } from '../../db/client.js';
import type { IntakeFileRow } from '../../db/schema.js';
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
