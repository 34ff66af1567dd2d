export { registerTrackingRoutes } from './tracking.routes.js';
