/** The public face of `case-messages`: what other modules may use of it (and nothing else). */
export { registerCaseMessageRoutes } from './case-messages.routes.js';
