import type { CaseDetail } from '../../../domain/cases/case.schema.js';
import { loadCaseFile } from './case-file.repository.js';
import { presentCaseDetail } from './case.presenter.js';
import { readCase, type CaseUseCaseInput } from './case.ports.js';

/** The whole case file — parties, custody with its clocks, documents, readiness — audited as `case.read`. */
export async function getCase(input: CaseUseCaseInput): Promise<CaseDetail> {
  return readCase({ ...input, audit: 'case.read' }, async ({ tx, row, now }) => ({
    value: presentCaseDetail(await loadCaseFile(tx, row), now),
  }));
}
