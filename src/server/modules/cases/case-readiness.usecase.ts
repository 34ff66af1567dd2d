import type { Readiness } from '../../../domain/cases/readiness.schema.js';
import { loadCaseFile } from './case-file.repository.js';
import { readinessOf } from './case.presenter.js';
import { readCase, type CaseUseCaseInput } from './case.ports.js';

/** Whether a case could be sent now, and what is missing; audited as `readiness.checked`. */
export async function getCaseReadiness(input: CaseUseCaseInput): Promise<Readiness> {
  return readCase({ ...input, audit: 'readiness.checked' }, async ({ tx, row, now }) => {
    const readiness = readinessOf(await loadCaseFile(tx, row), now);
    return {
      value: readiness,
      details: { ready: readiness.ready, missing: readiness.missing.map((m) => m.code) },
    };
  });
}
