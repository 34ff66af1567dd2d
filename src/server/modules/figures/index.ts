export { registerFiguresRoutes } from './figures.routes.js';
