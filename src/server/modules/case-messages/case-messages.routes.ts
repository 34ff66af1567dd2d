import { z } from 'zod';
import { caseMessageListSchema } from '../../../domain/messages/case-messages.schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { actingContext } from '../../platform/http/authenticate.js';
import { getCaseMessages, getIntakeMessages } from './case-messages.usecase.js';

const params = z.object({ id: z.uuid() });
const tags = ['exchange'];

/** The messages of one case, for the station (its case) and for the office (its intake file). */
export async function registerCaseMessageRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/api/cases/:id/messages',
    {
      schema: {
        tags,
        summary: 'Every message in and out of a case, with delivery state and verification',
        params,
        response: { 200: caseMessageListSchema },
      },
    },
    async (request) =>
      getCaseMessages({
        ...actingContext(deps, request),
        caseId: request.params.id,
      }),
  );
  app.get(
    '/api/intake/:id/messages',
    {
      schema: {
        tags,
        summary: 'Every message exchanged about an intake file, with delivery state and verification',
        params,
        response: { 200: caseMessageListSchema },
      },
    },
    async (request) =>
      getIntakeMessages({
        ...actingContext(deps, request),
        intakeId: request.params.id,
      }),
  );
}
