export { registerCaseMessageRoutes } from './case-messages.routes.js';
