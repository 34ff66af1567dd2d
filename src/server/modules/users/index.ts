/** The public face of `users`: what other modules may use of it (and nothing else). */
export { registerUserRoutes } from './users.routes.js';
