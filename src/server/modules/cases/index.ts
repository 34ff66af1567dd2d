/** The public face of `cases`: what other modules may use of it (and nothing else). */
export { assertCaseStep, loadCaseFor } from './case-access.policy.js';
export { recordCaseEvent } from './case-events.repository.js';
export { caseFileColumns, caseFileOf, findDocumentsOfCase, loadCaseFile } from './case-file.repository.js';
export type { CaseDocumentRow, CaseFile } from './case-file.repository.js';
export { readinessOf } from './case-readiness.rules.js';
export { auditCase, changeCase, readCase } from './case.ports.js';
export type { CaseContext, CaseEventInput, CaseUseCaseInput } from './case.ports.js';
export { findCaseEvents, refreshCaseSearchKey, setCaseFields, updateCase } from './cases.repository.js';
export { caseVersionOf, registerCaseRoutes } from './cases.routes.js';
export { findRunningCustodiesOfParty, updateCustody } from './custody.repository.js';
export { presentParty } from './case.presenter.js';
export { findPartyOfCase, insertParty } from './parties.repository.js';
export { startCustody as startCustodyOfCase } from './custody.usecase.js';
export { textCaseStatus, type TextedStatus } from './status-sms.usecase.js';
