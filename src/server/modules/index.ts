import type { App } from '../app.js';
import type { AppDeps } from '../app-deps.js';
import { registerOrganisationRoutes } from './organisations/organisations.routes.js';
import { registerReferenceRoutes } from './reference/reference.routes.js';
import { registerUserRoutes } from './users/users.routes.js';

/** Registers the routes of the domain modules (one line per module). */
export async function registerModuleRoutes(app: App, deps: AppDeps): Promise<void> {
  await registerReferenceRoutes(app, deps);
  await registerOrganisationRoutes(app, deps);
  await registerUserRoutes(app, deps);
}
