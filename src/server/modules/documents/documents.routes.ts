import { z } from 'zod';
import {
  caseDocumentListSchema,
  caseDocumentParamsSchema,
  caseDocumentSchema,
  documentKindSchema,
} from '../../../domain/documents/documents.schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { clientIp, requireActor } from '../../platform/http/authenticate.js';
import { sendAttachment } from '../../platform/http/send-attachment.js';
import { receiveMultipartDocument } from './multipart-upload.codec.js';
import { downloadDocument, listDocuments, uploadDocument } from './documents.usecase.js';

const caseParamsSchema = z.object({ id: z.uuid() });

/**
 * The multipart body, for the OpenAPI document only: the parser leaves `request.body` empty (the parts are read
 * as a stream by `receiveMultipartDocument`), hence `nullish`.
 */
const uploadBodyDocSchema = z
  .object({
    kind: documentKindSchema,
    file: z.string().meta({ format: 'binary', description: 'The file, sent after `kind`.' }),
  })
  .nullish();

/** The documents of a station's case file: upload (streamed), list, download. */
export async function registerDocumentRoutes(app: App, deps: AppDeps): Promise<void> {
  app.post(
    '/api/cases/:id/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'Add a document to a draft case (multipart: the `kind` field, then the `file`)',
        description:
          'The type is told by the content (PDF; JPEG, PNG, TIFF, WebP, GIF, HEIC/HEIF, AVIF; MP4, QuickTime, 3GP, AVI, WebM, Matroska; M4A, MP3, Ogg, AMR, WAV; plain text); the client\u2019s type and the file name are ignored.',
        consumes: ['multipart/form-data'],
        params: caseParamsSchema,
        body: uploadBodyDocSchema,
        response: { 201: caseDocumentSchema },
      },
    },
    async (request, reply) => {
      const document = await uploadDocument({
        db: deps.db,
        blobs: deps.blobs,
        clock: deps.clock,
        actor: requireActor(request),
        caseId: request.params.id,
        maxBytes: deps.config.maxDocumentBytes,
        ip: clientIp(request),
        receive: () => receiveMultipartDocument(request, { maxBytes: deps.config.maxDocumentBytes }),
      });
      return reply.status(201).send(document);
    },
  );

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
