import type { CaseDetail, UpdateCaseBody } from '../../../domain/cases/case.schema.js';
import { custodyStartProblem } from '../../../domain/cases/custody-start.js';
import { AppError } from '../../../domain/errors.js';
import type { Tx } from '../../db/client.js';
import type { CaseRow } from '../../db/schema.js';
import { loadCaseFile } from './case-file.repository.js';
import { findEarliestCustodyStart } from './custody.repository.js';
import { presentCaseDetail } from './case.presenter.js';
import { assertCaseReferencesFound, referenceCodesOf } from './case-references.rules.js';
import { findReferenceCodes } from '../reference/index.js';
import { caseColumnsOf, caseFieldValues, mergedReferences } from './case-fields.rules.js';
import { changeCase, type CaseUseCaseInput } from './case.ports.js';
import { updateCase as updateCaseRow } from './cases.repository.js';

/**
 * A new incident time must not leave a custody of the case starting before the incident (nor, when the time
 * is cleared, more than 72 hours before the case was opened): the same rule as when the custody was started.
 */
async function assertCustodyStartsStillFit(tx: Tx, row: CaseRow, incidentAt: string | null, now: Date) {
  const earliest = await findEarliestCustodyStart(tx, row.id);
  if (!earliest) return;
  const problem = custodyStartProblem({
    startedAt: earliest,
    incidentAt: incidentAt === null ? null : new Date(incidentAt),
    caseOpenedAt: row.created_at,
    now,
  });
  if (problem) throw new AppError(problem, { issues: [{ path: 'body.incidentAt', code: problem }] });
}

/**
 * Changes the incident fields of a draft case (a sent case answers `cases.not_editable`). The timeline says
 * which fields changed; the audit entry also what they said before and what they say now.
 */
export async function updateCase(input: CaseUseCaseInput & { body: UpdateCaseBody }): Promise<CaseDetail> {
  return changeCase({ ...input, audit: 'case.updated' }, async ({ tx, row, now }) => {
    const refs = mergedReferences(input.body, row);
    assertCaseReferencesFound(refs, await findReferenceCodes(tx, referenceCodesOf(refs)));
    if (input.body.incidentAt !== undefined)
      await assertCustodyStartsStillFit(tx, row, input.body.incidentAt, now);
    const { columns, fields } = caseColumnsOf(input.body);
    const updated = fields.length > 0 ? await updateCaseRow(tx, row.id, columns) : row;
    return {
      value: presentCaseDetail(await loadCaseFile(tx, updated), now, input.actor),
      event: {
        type: 'case.updated',
        details: { fields },
        before: caseFieldValues(row, fields),
        after: caseFieldValues(updated, fields),
      },
    };
  });
}
