import type { App } from '../app.js';
import type { AppDeps } from '../app-deps.js';
import { registerCaseRoutes } from './cases/cases.routes.js';
import { registerDocumentRoutes } from './documents/documents.routes.js';
import { registerEscortRoutes } from './escorts/escorts.routes.js';
import { registerEvidenceRoutes } from './evidence/evidence.routes.js';
import { registerFiguresRoutes } from './figures/figures.routes.js';
import { registerCaseMessageRoutes } from './case-messages/case-messages.routes.js';
import { registerExchangeRoutes } from './exchange/inbound/exchange.routes.js';
import { registerIntakeRoutes } from './intake/intake.routes.js';
import { registerOrderRoutes } from './orders/orders.routes.js';
import { registerPeerRoutes } from './exchange/trust/peers.routes.js';
import { registerOrganisationRoutes } from './organisations/organisations.routes.js';
import { registerReferenceRoutes } from './reference/reference.routes.js';
import { registerSubmissionRoutes } from './submission/submission.routes.js';
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
  await registerSubmissionRoutes(app, deps);
  await registerIntakeRoutes(app, deps);
  await registerOrderRoutes(app, deps);
  await registerEscortRoutes(app, deps);
  await registerCaseMessageRoutes(app, deps);
  await registerPeerRoutes(app, deps);
  await registerEvidenceRoutes(app, deps);
  await registerFiguresRoutes(app, deps);
}
