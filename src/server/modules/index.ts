import type { App } from '../platform/http/fastify-app.js';
import type { AppDeps } from '../app-deps.js';
import { registerCaseRoutes } from './cases/index.js';
import { registerDocumentRoutes } from './documents/index.js';
import { registerEscortRoutes } from './escorts/index.js';
import { registerEvidenceRoutes } from './evidence/index.js';
import { registerFiguresRoutes } from './figures/index.js';
import { registerCaseMessageRoutes } from './case-messages/index.js';
import { registerExchangeRoutes, registerPeerRoutes } from './exchange/index.js';
import { registerIntakeRoutes } from './intake/index.js';
import { registerNotificationRoutes } from './notifications/index.js';
import { registerClockRoutes } from './clocks/index.js';
import { registerCustodyNoticeRoutes } from './custody-notice/index.js';
import { registerMetricsRoutes } from './metrics/index.js';
import { registerOfficeListRoutes } from './office-lists/index.js';
import { registerOrderRoutes } from './orders/index.js';
import { registerOrganisationRoutes } from './organisations/index.js';
import { registerReferenceRoutes } from './reference/index.js';
import { registerRolloutRoutes } from './rollout/index.js';
import { registerSubmissionRoutes } from './submission/index.js';
import { registerTrackingRoutes } from './tracking/index.js';
import { registerUserRoutes } from './users/index.js';

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
  await registerOfficeListRoutes(app, deps);
  await registerOrderRoutes(app, deps);
  await registerEscortRoutes(app, deps);
  await registerCaseMessageRoutes(app, deps);
  await registerPeerRoutes(app, deps);
  await registerEvidenceRoutes(app, deps);
  await registerFiguresRoutes(app, deps);
  await registerRolloutRoutes(app, deps);
  await registerNotificationRoutes(app, deps);
  await registerClockRoutes(app, deps);
  await registerCustodyNoticeRoutes(app, deps);
  registerMetricsRoutes(app, deps);
}
