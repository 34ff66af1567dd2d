import { assertCan, type Action, type Actor } from '../../../domain/permissions.js';
import { AppError } from '../../../domain/errors.js';
import type { DbOrTx } from '../../db/client.js';
import type { CaseRow } from '../../db/schema.js';

/**
 * Loads a case for an actor about to take `action` on it: a case of another organisation, like a
 * case that does not exist, is `cases.not_found`. With `forUpdate`, the row is locked until the
 * transaction ends (use inside a transaction for any change).
 */
export async function loadCaseFor(input: {
  db: DbOrTx;
  actor: Actor;
  caseId: string;
  action: Action;
  forUpdate?: boolean;
}): Promise<CaseRow> {
  let query = input.db.selectFrom('cases').selectAll().where('id', '=', input.caseId);
  if (input.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('cases.not_found');
  assertCan(input.actor, input.action, { orgId: row.org_id, notFound: 'cases.not_found' });
  return row;
}

/** Drafts are editable; once sent, a case is frozen and only a supplement can add to it. */
export function isEditable(row: Pick<CaseRow, 'status'>): boolean {
  return row.status === 'draft';
}

/** Throws `cases.not_editable` (409) unless the case is still a draft. */
export function assertEditable(row: CaseRow): void {
  if (!isEditable(row)) throw new AppError('cases.not_editable', { details: { status: row.status } });
}
