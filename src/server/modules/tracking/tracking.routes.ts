import { trackingQuerySchema, trackingStatusSchema } from '../../../domain/cases/tracking.schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { clientIp } from '../../platform/http/authenticate.js';
import { viewTracking } from './tracking.usecase.js';

/** Look-ups per address and window: enough for a person, far too few to guess codes. */
export const TRACKING_RATE_LIMIT = { max: 10, timeWindow: '1 minute' } as const;

/** Public tracking of a complaint by its complainant (no sign-in). */
export async function registerTrackingRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/api/public/tracking',
    {
      schema: {
        tags: ['tracking'],
        summary:
          'The state of a complaint, for its complainant (tracking code + national ID, or a foreign national\u2019s passport number)',
        security: [],
        querystring: trackingQuerySchema,
        response: { 200: trackingStatusSchema },
      },
      config: { rateLimit: TRACKING_RATE_LIMIT },
    },
    async (request) => {
      const { code, nationalId, passportNumber } = request.query;
      return viewTracking({
        db: deps.db,
        clock: deps.clock,
        code,
        identity: nationalId !== undefined ? { nationalId } : { passportNumber: passportNumber ?? '' },
        ip: clientIp(request),
      });
    },
  );
}
