import type { App } from '../app.js';
import type { AppDeps } from '../app-deps.js';
import { registerCaseRoutes } from './cases/cases.routes.js';
import { registerDocumentRoutes } from './documents/documents.routes.js';
import { registerExchangeRoutes } from './exchange/exchange.routes.js';
import { registerOrganisationRoutes } from './organisations/organisations.routes.js';
import { registerReferenceRoutes } from './reference/reference.routes.js';
import { registerTrackingRoutes } from './tracking/tracking.routes.js';
import { registerUserRoutes } from './users/users.routes.js';

/** Registers the routes of the domain modules (one line per module). */
export async function registerModuleRoutes(app: App, deps: AppDeps): Promise<void> {
  await registerReferenceRoutes(app, deps);
  await registerOrganisationRoutes(app, deps);
  await registerUserRoutes(app, deps);
  await registerCaseRoutes(app, deps);
  await registerTrackingRoutes(app, deps);
  await registerDocumentRoutes(app, deps);
  await registerExchangeRoutes(app, deps);
}
