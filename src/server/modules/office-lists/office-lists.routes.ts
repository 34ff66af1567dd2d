import { z } from 'zod';
import {
  addOfficeListEntryBodySchema,
  officeListEntrySchema,
  officeListsSchema,
  updateOfficeListEntryBodySchema,
} from '../../../domain/intake/office-lists.schema.js';
import type { AppDeps } from '../../app-deps.js';
import { actingContext } from '../../platform/http/authenticate.js';
import type { App } from '../../platform/http/fastify-app.js';
import {
  addOfficeListEntry,
  changeOfficeListEntry,
  findOfficeLists,
  findOwnOfficeLists,
} from './office-lists.usecase.js';

const tags = ['office-lists'];
const officeParams = z.object({ id: z.uuid() });

/** A prosecutor's office's lists of branches and دادیاران: read by its clerks and judges, kept by the node's admin. */
export async function registerOfficeListRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/api/office-lists',
    {
      schema: {
        tags,
        summary: 'The active branches and دادیاران of the reader\u2019s own office, to choose from',
        response: { 200: officeListsSchema },
      },
    },
    async (request) => findOwnOfficeLists(actingContext(deps, request)),
  );
  app.get(
    '/api/organisations/:id/office-lists',
    {
      schema: {
        tags,
        summary: 'Every branch and دادیار of a prosecutor\u2019s office, retired ones too (admin)',
        params: officeParams,
        response: { 200: officeListsSchema },
      },
    },
    async (request) => findOfficeLists({ ...actingContext(deps, request), orgId: request.params.id }),
  );
  app.post(
    '/api/organisations/:id/office-lists',
    {
      schema: {
        tags,
        summary: 'Add a branch, دادیار or بازپرس to a prosecutor\u2019s office\u2019s lists (admin)',
        params: officeParams,
        body: addOfficeListEntryBodySchema,
        response: { 201: officeListEntrySchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addOfficeListEntry({
          ...actingContext(deps, request),
          orgId: request.params.id,
          body: request.body,
        }),
      ),
  );
  app.patch(
    '/api/organisations/:id/office-lists/:entryId',
    {
      schema: {
        tags,
        summary: 'Rename, retire or bring back an entry of a prosecutor\u2019s office\u2019s lists (admin)',
        params: z.object({ id: z.uuid(), entryId: z.uuid() }),
        body: updateOfficeListEntryBodySchema,
        response: { 200: officeListEntrySchema },
      },
    },
    async (request) =>
      changeOfficeListEntry({
        ...actingContext(deps, request),
        orgId: request.params.id,
        entryId: request.params.entryId,
        body: request.body,
      }),
  );
}
