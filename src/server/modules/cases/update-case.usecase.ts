import type { CaseDetail, UpdateCaseBody } from '../../../domain/cases/case.schema.js';
import { loadCaseFile } from './case-file.repository.js';
import { presentCaseDetail } from './case.presenter.js';
import { assertCaseReferencesExist } from './case-references.js';
import { caseColumnsOf, mergedReferences } from './case-fields.js';
import { changeCase, type CaseUseCaseInput } from './case-transaction.js';
import { updateCase as updateCaseRow } from './cases.repository.js';

/**
 * Changes the incident fields of a draft case (a sent case answers `cases.not_editable`). The timeline
 * and the audit log say which fields changed, not what they now say.
 */
export async function updateCase(input: CaseUseCaseInput & { body: UpdateCaseBody }): Promise<CaseDetail> {
  return changeCase({ ...input, audit: 'case.updated' }, async ({ tx, row, now }) => {
    await assertCaseReferencesExist(tx, mergedReferences(input.body, row));
    const { columns, fields } = caseColumnsOf(input.body);
    const updated = fields.length > 0 ? await updateCaseRow(tx, row.id, columns) : row;
    return {
      value: presentCaseDetail(await loadCaseFile(tx, updated), now),
      event: { type: 'case.updated', details: { fields } },
    };
  });
}
