/** The public face of `submission`: what other modules may use of it (and nothing else). */
export { approveSubmission } from './approve-submission.usecase.js';
export { prepareSubmission } from './prepare-submission.usecase.js';
export { registerSubmissionRoutes } from './submission.routes.js';
export { submissionHandlers } from './answers.handlers.js';
export { supplementCase } from './supplement-case.usecase.js';
