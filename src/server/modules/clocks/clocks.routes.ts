import { z } from 'zod';
import {
  annotateBreachBodySchema,
  breachSchema,
  caseClocksSchema,
} from '../../../domain/clocks/clocks.schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { actingContext } from '../../platform/http/authenticate.js';
import { annotateBreach, getCaseClocks } from './clocks.usecase.js';

/** A case's legal clocks and breach records, and the chief's annotation of a breach. */
export async function registerClockRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/api/cases/:caseId/clocks',
    {
      schema: {
        tags: ['clocks'],
        summary: "A case's legal clocks (custody, notice, orders, …) and its breach records",
        params: z.object({ caseId: z.uuid() }),
        response: { 200: caseClocksSchema },
      },
    },
    async (request) => getCaseClocks({ ...actingContext(deps, request), caseId: request.params.caseId }),
  );

  app.post(
    '/api/breaches/:breachId/annotations',
    {
      schema: {
        tags: ['clocks'],
        summary: "The chief's justification of a breach (appended; the breach itself never changes)",
        params: z.object({ breachId: z.uuid() }),
        body: annotateBreachBodySchema,
        response: { 200: breachSchema },
      },
    },
    async (request) =>
      annotateBreach({
        ...actingContext(deps, request),
        breachId: request.params.breachId,
        body: request.body,
      }),
  );
}
