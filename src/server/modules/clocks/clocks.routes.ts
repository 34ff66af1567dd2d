import { z } from 'zod';
import {
  annotateBreachBodySchema,
  breachSchema,
  caseClocksSchema,
  officeHoursAnswerSchema,
  officeHoursBodySchema,
} from '../../../domain/clocks/clocks.schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { actingContext } from '../../platform/http/authenticate.js';
import { annotateBreach, getCaseClocks } from './clocks.usecase.js';
import { setOfficeHours } from './office-hours.usecase.js';

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

  app.put(
    '/api/organisations/:orgId/office-hours',
    {
      schema: {
        tags: ['clocks'],
        summary:
          "A unit's office hours (HH:MM-HH:MM, Tehran time; Fridays and official holidays are outside them) and an office's working days to register a file",
        params: z.object({ orgId: z.uuid() }),
        body: officeHoursBodySchema,
        response: { 200: officeHoursAnswerSchema },
      },
    },
    async (request) =>
      setOfficeHours({ ...actingContext(deps, request), orgId: request.params.orgId, body: request.body }),
  );
}
