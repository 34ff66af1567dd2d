import {
  createOrganisationBodySchema,
  jurisdictionRuleBodySchema,
  organisationListSchema,
  organisationSchema,
  updateOrganisationBodySchema,
} from '../../../domain/organisations.schema.js';
import { z } from 'zod';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { clientIp, requireActor } from '../../platform/http/authenticate.js';
import {
  createOrganisation,
  listJurisdictionRules,
  listOrganisations,
  setJurisdictionRule,
  updateOrganisation,
} from './organisations.usecase.js';

/** Organisations and jurisdiction. */
export async function registerOrganisationRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/api/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'All organisations of this node',
        response: { 200: organisationListSchema },
      },
    },
    async (request) => ({ items: await listOrganisations({ db: deps.db, actor: requireActor(request) }) }),
  );
  app.patch(
    '/api/organisations/:id',
    {
      schema: {
        tags: ['organisations'],
        summary: "Change an organisation's names, county or hosting node (admin)",
        params: z.object({ id: z.uuid() }),
        body: updateOrganisationBodySchema,
        response: { 200: organisationSchema },
      },
    },
    async (request) =>
      updateOrganisation({
        db: deps.db,
        clock: deps.clock,
        actor: requireActor(request),
        thisNodeId: deps.config.nodeId,
        orgId: request.params.id,
        body: request.body,
        ip: clientIp(request),
      }),
  );
  app.post(
    '/api/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Create an organisation',
        body: createOrganisationBodySchema,
        response: { 201: organisationSchema },
      },
    },
    async (request, reply) => {
      const org = await createOrganisation({
        db: deps.db,
        clock: deps.clock,
        actor: requireActor(request),
        nodeId: deps.config.nodeId,
        body: request.body,
        ip: clientIp(request),
      });
      return reply.status(201).send(org);
    },
  );
  app.get(
    '/api/jurisdiction',
    {
      schema: {
        tags: ['organisations'],
        summary: 'The jurisdiction table: county rules and station overrides',
      },
    },
    async (request) => listJurisdictionRules({ db: deps.db, actor: requireActor(request) }),
  );
  app.put(
    '/api/jurisdiction',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Set the competent prosecutor\u2019s office for a county or a station',
        body: jurisdictionRuleBodySchema,
      },
    },
    async (request, reply) => {
      await setJurisdictionRule({
        db: deps.db,
        clock: deps.clock,
        actor: requireActor(request),
        rule: request.body,
        ip: clientIp(request),
      });
      return reply.status(204).send();
    },
  );
}
