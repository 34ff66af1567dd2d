import {
  trackingCodeRequestSchema,
  trackingCodeSentSchema,
  trackingQuerySchema,
  trackingStatusSchema,
  type TrackingCodeRequest,
} from '../../../domain/cases/tracking.schema.js';
import type { TrackingIdentity } from '../../../domain/cases/tracking.schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { clientIp } from '../../platform/http/authenticate.js';
import { requestTrackingCode } from './tracking-code.usecase.js';
import { viewTracking } from './tracking.usecase.js';

/** Look-ups per address and window: enough for a person, far too few to guess codes. */
export const TRACKING_RATE_LIMIT = { max: 10, timeWindow: '1 minute' } as const;

/** The identity the complainant gave (the schema let through exactly one). */
function identityOf(q: Omit<TrackingCodeRequest, 'code'>): TrackingIdentity {
  return q.nationalId !== undefined
    ? { nationalId: q.nationalId }
    : { passportNumber: q.passportNumber ?? '' };
}

/** Public tracking of a complaint by its complainant (no sign-in). */
export async function registerTrackingRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/api/public/tracking',
    {
      schema: {
        tags: ['tracking'],
        summary:
          'The state of a complaint, for its complainant (tracking code + national ID, or a foreign national\u2019s passport number, + the one-time code)',
        security: [],
        querystring: trackingQuerySchema,
        response: { 200: trackingStatusSchema },
      },
      config: { rateLimit: TRACKING_RATE_LIMIT },
    },
    async (request) => {
      const { code, otp } = request.query;
      return viewTracking({
        db: deps.db,
        clock: deps.clock,
        code,
        identity: identityOf(request.query),
        otp,
        ip: clientIp(request),
      });
    },
  );
  app.post(
    '/api/public/tracking/code',
    {
      schema: {
        tags: ['tracking'],
        summary:
          'Sends the complainant a one-time code (6 digits, 5 minutes) to their mobile; the same answer for an unknown case',
        security: [],
        body: trackingCodeRequestSchema,
        response: { 200: trackingCodeSentSchema },
      },
      config: { rateLimit: TRACKING_RATE_LIMIT },
    },
    async (request) => {
      const sent = await requestTrackingCode({
        db: deps.db,
        clock: deps.clock,
        code: request.body.code,
        identity: identityOf(request.body),
        ip: clientIp(request),
        template: deps.notifications.otpTemplate,
      });
      deps.notifications.kick();
      return sent;
    },
  );
}
