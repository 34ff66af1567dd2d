import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import {
  caseDocumentListSchema,
  caseDocumentParamsSchema,
  caseDocumentSchema,
  classifyDocumentBodySchema,
  documentContentQuerySchema,
} from '../../../domain/documents/documents.schema.js';
import { caseVersionOf } from '../cases/index.js';
import { classifyDocument, removeDocument } from './document-changes.usecase.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { clientIp, requireActor } from '../../platform/http/authenticate.js';
import { byteRangeOf, sendDocument } from '../../platform/http/send-document.js';
import { registerDocumentUploadRoute } from './document-upload.routes.js';
import { registerResumableUploadRoutes } from './resumable-uploads.routes.js';
import { downloadDocument, listDocuments } from './documents.usecase.js';

const caseParamsSchema = z.object({ id: z.uuid() });

/** The documents of a station's case file: upload (streamed), list, read (download or in the page), re-classify, remove. */
export async function registerDocumentRoutes(app: App, deps: AppDeps): Promise<void> {
  /** Who acts on which case, from where, and on which version of it. */
  const acting = (request: FastifyRequest, params: { id: string }) => ({
    db: deps.db,
    clock: deps.clock,
    actor: requireActor(request),
    ip: clientIp(request),
    caseId: params.id,
    expectedVersion: caseVersionOf(request),
  });

  registerResumableUploadRoutes(app, deps);
  registerDocumentUploadRoute(app, deps, {
    url: '/api/cases/:id/documents',
    tags: ['documents'],
    summary: 'Add a document to a draft case (multipart: the `kind` field, then the `file`)',
  });

  app.get(
    '/api/cases/:id/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'The documents of a case',
        params: caseParamsSchema,
        response: { 200: caseDocumentListSchema },
      },
    },
    async (request) => ({
      items: await listDocuments({
        db: deps.db,
        clock: deps.clock,
        actor: requireActor(request),
        caseId: request.params.id,
        ip: clientIp(request),
      }),
    }),
  );

  app.get(
    '/api/cases/:id/documents/:documentId/content',
    {
      schema: {
        tags: ['documents'],
        summary:
          'A document\u2019s bytes: downloaded, or shown in the page with `disposition=inline` (a PDF, image, ' +
          'video, audio or text; never run as a page), whole or one `Range` (206)',
        params: caseDocumentParamsSchema,
        querystring: documentContentQuerySchema,
      },
    },
    async (request, reply) => {
      const inline = request.query.disposition === 'inline';
      const { document, content, range } = await downloadDocument({
        ...acting(request, request.params),
        blobs: deps.blobs,
        documentId: request.params.documentId,
        inline,
        range: (size) => byteRangeOf(request.headers.range, size),
      });
      return sendDocument(reply, document, content, { inline, range });
    },
  );

  app.patch(
    '/api/cases/:id/documents/:documentId',
    {
      schema: {
        tags: ['documents'],
        summary: 'Re-classify a document of a draft (its kind); `If-Match`: the case\u2019s updatedAt',
        params: caseDocumentParamsSchema,
        body: classifyDocumentBodySchema,
        response: { 200: caseDocumentSchema },
      },
    },
    async (request) =>
      classifyDocument({
        ...acting(request, request.params),
        documentId: request.params.documentId,
        body: request.body,
      }),
  );

  app.delete(
    '/api/cases/:id/documents/:documentId',
    {
      schema: {
        tags: ['documents'],
        summary: 'Take a document out of a draft; `If-Match`: the case\u2019s updatedAt',
        params: caseDocumentParamsSchema,
      },
    },
    async (request, reply) => {
      await removeDocument({ ...acting(request, request.params), documentId: request.params.documentId });
      return reply.status(204).send();
    },
  );
}
