import { z } from 'zod';
import {
  custodyNoticeBodySchema,
  custodyNoticeListSchema,
  custodyNoticeSchema,
} from '../../../domain/cases/custody-notice.schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { actingContext } from '../../platform/http/authenticate.js';
import { listCustodyNotices, recordCustodyNotice } from './custody-notice.usecase.js';

/** The one-hour notice of a custody outside office hours: the station records it, both sides list it. */
export async function registerCustodyNoticeRoutes(app: App, deps: AppDeps): Promise<void> {
  app.post(
    '/api/cases/:caseId/custody/:custodyId/notice',
    {
      schema: {
        tags: ['custody'],
        summary:
          "Records the family's notice of a custody (who, how, when) and sends the signed custody.notified to the prosecutor's office",
        params: z.object({ caseId: z.uuid(), custodyId: z.uuid() }),
        body: custodyNoticeBodySchema,
        response: { 201: custodyNoticeSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await recordCustodyNotice({
          ...actingContext(deps, request),
          caseId: request.params.caseId,
          custodyId: request.params.custodyId,
          body: request.body,
          exchange: deps.exchange,
        }),
      ),
  );

  app.get(
    '/api/custody-notices',
    {
      schema: {
        tags: ['custody'],
        summary: "The unit's custody notices, newest first: a station's records, or those an office received",
        response: { 200: custodyNoticeListSchema },
      },
    },
    async (request) => listCustodyNotices(actingContext(deps, request)),
  );
}
