/** The public face of `figures`: what other modules may use of it (and nothing else). */
export { registerFiguresRoutes } from './figures.routes.js';
