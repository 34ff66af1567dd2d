/** The public face of `escorts`: what other modules may use of it (and nothing else). */
export { registerEscortRoutes } from './escorts.routes.js';
export { escortHandlers } from './escort-messages.handlers.js';
