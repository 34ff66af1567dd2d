export { registerEvidenceRoutes } from './evidence.routes.js';
