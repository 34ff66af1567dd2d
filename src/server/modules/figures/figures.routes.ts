import {
  figureCasesPageSchema,
  figureCasesQuerySchema,
} from '../../../domain/figures/figure-cases.schema.js';
import { figuresQuerySchema, figuresSchema } from '../../../domain/figures/figures.schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { actingContext, clientIp, requireActor } from '../../platform/http/authenticate.js';
import { listFigureCases } from './figure-cases.usecase.js';
import { getFigures } from './figures.usecase.js';
import { getOfficeStaffFigures } from './office-staff-figures.usecase.js';
import { officeStaffFiguresSchema } from '../../../domain/figures/office-staff-figures.schema.js';

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
    async (request) => listFigureCases({ ...actingContext(deps, request), query: request.query }),
  );
  app.get(
    '/api/figures/office-staff',
    {
      schema: {
        tags: ['figures'],
        summary:
          'A prosecutor\u2019s office\u2019s figures per branch and per دادیار over a period: files registered, orders issued, pending and overdue',
        querystring: figuresQuerySchema,
        response: { 200: officeStaffFiguresSchema },
      },
    },
    async (request) => getOfficeStaffFigures({ ...actingContext(deps, request), query: request.query }),
  );
}
