import { z } from 'zod';
import {
  caseDocumentListSchema,
  caseDocumentParamsSchema,
} from '../../../domain/documents/documents.schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { clientIp, requireActor } from '../../platform/http/authenticate.js';
import { sendAttachment } from '../../platform/http/send-attachment.js';
import { registerDocumentUploadRoute } from './document-upload.routes.js';
import { downloadDocument, listDocuments } from './documents.usecase.js';

const caseParamsSchema = z.object({ id: z.uuid() });

/** The documents of a station's case file: upload (streamed), list, download. */
export async function registerDocumentRoutes(app: App, deps: AppDeps): Promise<void> {
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
        summary: 'Download a document (always as an attachment, never rendered)',
        params: caseDocumentParamsSchema,
      },
    },
    async (request, reply) => {
      const { document, content } = await downloadDocument({
        db: deps.db,
        blobs: deps.blobs,
        clock: deps.clock,
        actor: requireActor(request),
        caseId: request.params.id,
        documentId: request.params.documentId,
        ip: clientIp(request),
      });
      return sendAttachment(reply, document, content);
    },
  );
}
