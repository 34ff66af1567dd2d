/** The public face of `reference`: what other modules may use of it (and nothing else). */
export { findReferenceCodes, insertCountyIfNew } from './reference.repository.js';
export { registerReferenceRoutes } from './reference.routes.js';
