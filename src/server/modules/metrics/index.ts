/** The public face of `metrics`: the Prometheus endpoint (a view over other modules' tables; none imports it). */
export { registerMetricsRoutes } from './metrics.routes.js';
