/** The public face of `evidence`: what other modules may use of it (and nothing else). */
export { registerEvidenceRoutes } from './evidence.routes.js';
