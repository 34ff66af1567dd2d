import { z } from 'zod';
import {
  caseDetailSchema,
  caseListSchema,
  findCasesQuerySchema,
  openCaseBodySchema,
  receiptSchema,
  timelineSchema,
  updateCaseBodySchema,
} from '../../../domain/cases/case.schema.js';
import {
  custodySchema,
  endCustodyBodySchema,
  startCustodyBodySchema,
} from '../../../domain/cases/custody.schema.js';
import {
  addPartyBodySchema,
  partySchema,
  updatePartyBodySchema,
} from '../../../domain/cases/party.schema.js';
import { readinessSchema } from '../../../domain/cases/readiness.schema.js';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../domain/errors.js';
import { instantSchema } from '../../../domain/cases/text-fields.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { actingContext } from '../../platform/http/authenticate.js';
import { getCaseReadiness } from './case-readiness.usecase.js';
import { getCaseReceipt } from './case-receipt.usecase.js';
import { getCaseTimeline } from './case-timeline.usecase.js';
import { endCustody, startCustody } from './custody.usecase.js';
import { findCases } from './find-cases.usecase.js';
import { getCase } from './get-case.usecase.js';
import { openCase } from './open-case.usecase.js';
import { addParty, removeParty, updateParty } from './parties.usecase.js';
import { updateCase } from './update-case.usecase.js';

const caseParams = z.object({ id: z.uuid() });

/**
 * The version of the case a change was made on, from `If-Match` (the case's `updatedAt`, quoted or not), or
 * undefined when the request names none; anything else is `cases.invalid_version`.
 */
export function caseVersionOf(request: FastifyRequest): string | undefined {
  const headers: Record<string, string | string[] | undefined> = request.raw.headers;
  const header = headers['if-match'];
  if (header === undefined) return undefined;
  const raw: string = (Array.isArray(header) ? header[0] : header) ?? '';
  const value = raw.trim().replace(/^(W\/)?"(.*)"$/, '$2');
  if (!instantSchema.safeParse(value).success || Number.isNaN(Date.parse(value)))
    throw new AppError('cases.invalid_version', {
      issues: [{ path: 'headers.if-match', code: 'cases.invalid_version' }],
    });
  return new Date(value).toISOString();
}
const partyParams = caseParams.extend({ partyId: z.uuid() });
const custodyParams = caseParams.extend({ custodyId: z.uuid() });
const tags = ['cases'];

/** The station's case file: open, read, search, edit, parties, custody, timeline, readiness, receipt. */
export async function registerCaseRoutes(app: App, deps: AppDeps): Promise<void> {
  /** Who acts, from where, with the app's db and clock: the first half of every use case's input. */
  const actingOn = (request: FastifyRequest) => ({
    ...actingContext(deps, request),
    expectedVersion: caseVersionOf(request),
  });

  app.post(
    '/api/cases',
    {
      schema: {
        tags,
        summary: 'Open a case file',
        body: openCaseBodySchema,
        response: { 201: caseDetailSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await openCase({ ...actingOn(request), body: request.body })),
  );
  app.get(
    '/api/cases',
    {
      schema: {
        tags,
        summary: 'The station\u2019s cases, newest first, or matching `q` best first',
        querystring: findCasesQuerySchema,
        response: { 200: caseListSchema },
      },
    },
    async (request) => findCases({ ...actingOn(request), query: request.query }),
  );
  app.get(
    '/api/cases/:id',
    { schema: { tags, summary: 'A case file', params: caseParams, response: { 200: caseDetailSchema } } },
    async (request) => getCase({ ...actingOn(request), caseId: request.params.id }),
  );
  app.patch(
    '/api/cases/:id',
    {
      schema: {
        tags,
        summary: 'Change the incident fields of a draft case',
        params: caseParams,
        body: updateCaseBodySchema,
        response: { 200: caseDetailSchema },
      },
    },
    async (request) => updateCase({ ...actingOn(request), caseId: request.params.id, body: request.body }),
  );
  app.get(
    '/api/cases/:id/receipt',
    {
      schema: {
        tags,
        summary: 'The complainant\u2019s receipt (Art. 37)',
        params: caseParams,
        response: { 200: receiptSchema },
      },
    },
    async (request) => getCaseReceipt({ ...actingOn(request), caseId: request.params.id }),
  );
  app.post(
    '/api/cases/:id/parties',
    {
      schema: {
        tags,
        summary: 'Add a party',
        params: caseParams,
        body: addPartyBodySchema,
        response: { 201: partySchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addParty({ ...actingOn(request), caseId: request.params.id, body: request.body })),
  );
  app.patch(
    '/api/cases/:id/parties/:partyId',
    {
      schema: {
        tags,
        summary: 'Change a party',
        params: partyParams,
        body: updatePartyBodySchema,
        response: { 200: partySchema },
      },
    },
    async (request) =>
      updateParty({
        ...actingOn(request),
        caseId: request.params.id,
        partyId: request.params.partyId,
        body: request.body,
      }),
  );
  app.delete(
    '/api/cases/:id/parties/:partyId',
    { schema: { tags, summary: 'Remove a party', params: partyParams } },
    async (request, reply) => {
      await removeParty({ ...actingOn(request), caseId: request.params.id, partyId: request.params.partyId });
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/cases/:id/custody',
    {
      schema: {
        tags,
        summary: 'Start custody (Art. 46: at most 24 hours)',
        params: caseParams,
        body: startCustodyBodySchema,
        response: { 201: custodySchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await startCustody({ ...actingOn(request), caseId: request.params.id, body: request.body })),
  );
  app.post(
    '/api/cases/:id/custody/:custodyId/end',
    {
      schema: {
        tags,
        summary: 'End custody',
        params: custodyParams,
        body: endCustodyBodySchema,
        response: { 200: custodySchema },
      },
    },
    async (request) =>
      endCustody({
        ...actingOn(request),
        caseId: request.params.id,
        custodyId: request.params.custodyId,
        body: request.body,
      }),
  );
  app.get(
    '/api/cases/:id/timeline',
    {
      schema: {
        tags,
        summary: 'What happened to the case, oldest first',
        params: caseParams,
        response: { 200: timelineSchema },
      },
    },
    async (request) => getCaseTimeline({ ...actingOn(request), caseId: request.params.id }),
  );
  app.get(
    '/api/cases/:id/readiness',
    {
      schema: {
        tags,
        summary: 'Whether the case could be sent now, and what is missing',
        params: caseParams,
        response: { 200: readinessSchema },
      },
    },
    async (request) => getCaseReadiness({ ...actingOn(request), caseId: request.params.id }),
  );
}
