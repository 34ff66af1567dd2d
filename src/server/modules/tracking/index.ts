/** The public face of `tracking`: what other modules may use of it (and nothing else). */
export { registerTrackingRoutes } from './tracking.routes.js';
