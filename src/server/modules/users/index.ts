export { registerUserRoutes } from './users.routes.js';
