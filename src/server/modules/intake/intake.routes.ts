import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  intakeDecisionSchema,
  intakeDetailSchema,
  intakeQueueQuerySchema,
  intakeQueueSchema,
  registerIntakeBodySchema,
  rejectIntakeBodySchema,
  returnIntakeBodySchema,
} from '../../../domain/intake/intake.schema.js';
import { documentContentQuerySchema } from '../../../domain/documents/documents.schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { actingContext } from '../../platform/http/authenticate.js';
import { byteRangeOf, sendDocument } from '../../platform/http/send-document.js';
import { findIntakeQueue } from './find-intake-queue.usecase.js';
import { getIntakeFile } from './get-intake-file.usecase.js';
import { registerIntake, rejectIntake, returnIntake } from './intake-decisions.usecase.js';
import { downloadIntakeDocument } from './intake-document.usecase.js';

const intakeParams = z.object({ id: z.uuid() });
const documentParams = intakeParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const tags = ['intake'];

/** The prosecutor's office's intake: the queue, a file, its documents, and the clerk's decisions. */
export async function registerIntakeRoutes(app: App, deps: AppDeps): Promise<void> {
  const actingOn = (request: FastifyRequest, intakeId: string) => ({
    ...actingContext(deps, request),
    intakeId,
  });

  app.get(
    '/api/intake',
    {
      schema: {
        tags,
        summary: 'The intake queue: running custody clocks first, then newest first',
        querystring: intakeQueueQuerySchema,
        response: { 200: intakeQueueSchema },
      },
    },
    async (request) =>
      findIntakeQueue({
        ...actingContext(deps, request),
        query: request.query,
      }),
  );
  app.get(
    '/api/intake/:id',
    {
      schema: {
        tags,
        summary: 'An intake file with its parties, documents and verification',
        params: intakeParams,
        response: { 200: intakeDetailSchema },
      },
    },
    async (request) => getIntakeFile(actingOn(request, request.params.id)),
  );
  app.post(
    '/api/intake/:id/register',
    {
      schema: {
        tags,
        summary: 'Register the file (prosecutor\u2019s clerk)',
        params: intakeParams,
        body: registerIntakeBodySchema,
        response: { 200: intakeDecisionSchema },
      },
    },
    async (request) =>
      registerIntake({
        ...actingOn(request, request.params.id),
        exchange: deps.exchange,
        body: request.body,
      }),
  );
  app.post(
    '/api/intake/:id/return',
    {
      schema: {
        tags,
        summary: 'Return the file for completion with what is missing (prosecutor\u2019s clerk)',
        params: intakeParams,
        body: returnIntakeBodySchema,
        response: { 200: intakeDecisionSchema },
      },
    },
    async (request) =>
      returnIntake({ ...actingOn(request, request.params.id), exchange: deps.exchange, body: request.body }),
  );
  app.post(
    '/api/intake/:id/reject',
    {
      schema: {
        tags,
        summary: 'Reject the file with coded reasons (prosecutor\u2019s clerk)',
        params: intakeParams,
        body: rejectIntakeBodySchema,
        response: { 200: intakeDecisionSchema },
      },
    },
    async (request) =>
      rejectIntake({ ...actingOn(request, request.params.id), exchange: deps.exchange, body: request.body }),
  );
  app.get(
    '/api/intake/:id/documents/:sha256/content',
    {
      schema: {
        tags,
        summary:
          'A document of an intake file: downloaded, or shown in the page with `disposition=inline` (a PDF, ' +
          'image, video, audio or text; never run as a page), whole or one `Range` (206)',
        params: documentParams,
        querystring: documentContentQuerySchema,
      },
    },
    async (request, reply) => {
      const inline = request.query.disposition === 'inline';
      const { document, content, range } = await downloadIntakeDocument({
        ...actingOn(request, request.params.id),
        blobs: deps.blobs,
        sha256: request.params.sha256,
        inline,
        range: (size) => byteRangeOf(request.headers.range, size),
      });
      return sendDocument(reply, document, content, { inline, range });
    },
  );
}
