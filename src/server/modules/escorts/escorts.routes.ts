import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  assignEscortBodySchema,
  cancelEscortBodySchema,
  escortListSchema,
  escortParamsSchema,
  escortSchema,
  handOverEscortBodySchema,
  requestEscortBodySchema,
  type Escort,
} from '../../../domain/escorts/escorts.schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { actingContext } from '../../platform/http/authenticate.js';
import { assignEscort, cancelEscort, handOverEscort } from './escort-steps.usecase.js';
import { findEscortList } from './find-escorts.usecase.js';
import { requestEscort } from './request-escort.usecase.js';

const tags = ['escorts'];

/** Escorts (بدرقه): asked for by a station on a case, assigned and handed over by its escort unit. */
export async function registerEscortRoutes(app: App, deps: AppDeps): Promise<void> {
  const acting = (request: FastifyRequest) => ({
    ...actingContext(deps, request),
    exchange: deps.exchange,
  });

  app.post(
    '/api/cases/:id/escorts',
    {
      schema: {
        tags,
        summary: 'Ask the escort unit to take a person of the case somewhere (station)',
        params: z.object({ id: z.uuid() }),
        body: requestEscortBodySchema,
        response: { 201: escortSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await requestEscort({ ...acting(request), caseId: request.params.id, body: request.body })),
  );
  app.get(
    '/api/escorts',
    {
      schema: {
        tags,
        summary: 'The organisation\u2019s escorts (optionally of one case), those to do first, soonest first',
        querystring: z.object({ caseId: z.uuid().optional() }),
        response: { 200: escortListSchema },
      },
    },
    async (request) => ({
      items: await findEscortList({ ...acting(request), caseId: request.query.caseId }),
    }),
  );
  const step = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (input: ReturnType<typeof acting> & { escortId: string; body: z.infer<B> }) => Promise<Escort>,
  ) =>
    app.post(
      `/api/escorts/:escortId/${path}`,
      { schema: { tags, summary, params: escortParamsSchema, body, response: { 200: escortSchema } } },
      async (request) =>
        // The body was validated against `body` by the route schema; TypeScript cannot follow the generic.
        run({ ...acting(request), escortId: request.params.escortId, body: request.body as z.infer<B> }),
    );
  step(
    'assign',
    'Name the officers (and vehicle) sent for an escort (escort unit)',
    assignEscortBodySchema,
    assignEscort,
  );
  step(
    'hand-over',
    'Record a hand-over: picked up from the station, or delivered at the destination (escort unit)',
    handOverEscortBodySchema,
    handOverEscort,
  );
  step('cancel', 'Call an escort off before the pick-up (station)', cancelEscortBodySchema, cancelEscort);
}
