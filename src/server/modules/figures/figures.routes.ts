import {
  figureCasesPageSchema,
  figureCasesQuerySchema,
} from '../../../domain/figures/figure-cases.schema.js';
import { figuresQuerySchema, figuresSchema } from '../../../domain/figures/figures.schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { clientIp, requireActor } from '../../platform/http/authenticate.js';
import { listFigureCases } from './figure-cases.usecase.js';
import { getFigures } from './figures.usecase.js';

/** The managers' figures. */
export async function registerFiguresRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/api/figures',
    {
      schema: {
        tags: ['figures'],
        summary:
          'Figures over a period: a police unit\u2019s (or an HQ\u2019s province\u2019s) work, or a prosecutor\u2019s office\u2019s intake per station',
        querystring: figuresQuerySchema,
        response: { 200: figuresSchema },
      },
    },
    async (request) =>
      getFigures({
        db: deps.db,
        clock: deps.clock,
        actor: requireActor(request),
        query: request.query,
        ip: clientIp(request),
      }),
  );

  app.get(
    '/api/figures/cases',
    {
      schema: {
        tags: ['figures'],
        summary:
          'The list behind one figure (drill-down): what it counted over the same period, for the same units or one of them',
        querystring: figureCasesQuerySchema,
        response: { 200: figureCasesPageSchema },
      },
    },
    async (request) =>
      listFigureCases({
        db: deps.db,
        clock: deps.clock,
        actor: requireActor(request),
        query: request.query,
        ip: clientIp(request),
      }),
  );
}
