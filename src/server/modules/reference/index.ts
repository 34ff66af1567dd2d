export { registerReferenceRoutes } from './reference.routes.js';
