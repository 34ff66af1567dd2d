export { registerEscortRoutes } from './escorts.routes.js';
export { escortHandlers } from './escort-messages.handlers.js';
