export { approveSubmission } from './approve-submission.usecase.js';
export { prepareSubmission } from './prepare-submission.usecase.js';
export { registerSubmissionRoutes } from './submission.routes.js';
export { submissionHandlers } from './answers.handlers.js';
