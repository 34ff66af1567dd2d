/** The public face of `intake`: what other modules may use of it (and nothing else). */
export { registerIntake, rejectIntake, returnIntake } from './intake-decisions.usecase.js';
export { recordIntakeDocuments } from './intake-files.repository.js';
export { assertIntakeStep } from './intake-access.policy.js';
export { withIntakeFile } from './intake.ports.js';
export type { IntakeUseCaseInput } from './intake.ports.js';
export { registerIntakeRoutes } from './intake.routes.js';
export { intakeHandlers } from './intake-arrival.handlers.js';
