/** The public face of `rollout`: what other modules may use of it (and nothing else). */
export { registerRolloutRoutes } from './rollout.routes.js';
export { importUnits, withOwnFilesFigures } from './units.usecase.js';
export { readUnitsCsv } from './units-csv.codec.js';
export { writePlanCsv } from './plan-csv.codec.js';
export { seedDemoRollout } from './demo-rollout.usecase.js';
