import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  returnToOfficerBodySchema,
  submissionSchema,
  submissionStepSchema,
  supplementBodySchema,
  supplementResultSchema,
} from '../../../domain/submission/submission.schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { actingContext } from '../../platform/http/authenticate.js';
import { registerDocumentUploadRoute } from '../documents/index.js';
import { approveSubmission } from './approve-submission.usecase.js';
import { getSubmission } from './get-submission.usecase.js';
import { prepareSubmission, returnToOfficer, withdrawSubmission } from './prepare-submission.usecase.js';
import { assertSupplementable, supplementCase } from './supplement-case.usecase.js';

const caseParams = z.object({ id: z.uuid() });
const tags = ['submission'];

/** Sending a case to the prosecutor's office: prepare, approve (send), withdraw, follow, supplement. */
export async function registerSubmissionRoutes(app: App, deps: AppDeps): Promise<void> {
  const actingOn = (request: FastifyRequest, caseId: string) => ({
    ...actingContext(deps, request),
    caseId,
  });

  app.post(
    '/api/cases/:id/submission/prepare',
    {
      schema: {
        tags,
        summary:
          'Put a ready draft forward for the chief\u2019s approval (422 `cases.not_ready` with what is missing)',
        params: caseParams,
        response: { 200: submissionStepSchema },
      },
    },
    async (request) => prepareSubmission(actingOn(request, request.params.id)),
  );
  app.post(
    '/api/cases/:id/submission/approve',
    {
      schema: {
        tags,
        summary: 'Approve and send a prepared case to the competent prosecutor\u2019s office (station chief)',
        params: caseParams,
        response: { 200: submissionStepSchema },
      },
    },
    async (request) =>
      approveSubmission({ ...actingOn(request, request.params.id), exchange: deps.exchange }),
  );
  app.post(
    '/api/cases/:id/submission/withdraw',
    {
      schema: {
        tags,
        summary: 'Return a prepared case to draft instead of approving it (station chief)',
        params: caseParams,
        response: { 200: submissionStepSchema },
      },
    },
    async (request) => withdrawSubmission(actingOn(request, request.params.id)),
  );
  app.post(
    '/api/cases/:id/submission/return',
    {
      schema: {
        tags,
        summary:
          'Send a prepared case back to its officer with a comment, instead of approving it (station chief)',
        params: caseParams,
        body: returnToOfficerBodySchema,
        response: { 200: submissionStepSchema },
      },
    },
    async (request) => returnToOfficer({ ...actingOn(request, request.params.id), body: request.body }),
  );
  app.get(
    '/api/cases/:id/submission',
    {
      schema: {
        tags,
        summary: 'Where the sent case stands: delivery, the office\u2019s answer, and when',
        params: caseParams,
        response: { 200: submissionSchema },
      },
    },
    async (request) => getSubmission(actingOn(request, request.params.id)),
  );
  app.post(
    '/api/cases/:id/supplements',
    {
      schema: {
        tags,
        summary: 'Send a supplement to a sent case: a note, new parties, documents uploaded after sending',
        params: caseParams,
        body: supplementBodySchema,
        response: { 201: supplementResultSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await supplementCase({
          ...actingOn(request, request.params.id),
          body: request.body,
          exchange: deps.exchange,
        }),
      ),
  );
  registerDocumentUploadRoute(app, deps, {
    url: '/api/cases/:id/supplements/documents',
    tags,
    summary:
      'Upload a document to a sent case, to go with a supplement or an order\u2019s report (multipart: `kind`, then `file`)',
    assertAcceptsUploads: assertSupplementable,
  });
}
