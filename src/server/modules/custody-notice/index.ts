/** The public face of `custody-notice`: what other modules may use of it (and nothing else). */
export { registerCustodyNoticeRoutes } from './custody-notices.routes.js';
export { custodyNoticeHandlers } from './custody-notice.handlers.js';
