import { z } from 'zod';
import { caseDocumentSchema, documentKindSchema } from '../../../domain/documents/documents.schema.js';
import type { CaseRow } from '../../db/schema.js';
import type { App } from '../../platform/http/fastify-app.js';
import type { AppDeps } from '../../app-deps.js';
import { clientIp, requireActor } from '../../platform/http/authenticate.js';
import { uploadDocument } from './documents.usecase.js';
import { receiveMultipartDocument } from './multipart-upload.codec.js';
import type { UploadTarget } from './resumable-uploads.usecase.js';

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

const contentRule =
  'The type is told by the content (PDF; JPEG, PNG, TIFF, WebP, GIF, HEIC/HEIF, AVIF; MP4, QuickTime, 3GP, AVI, WebM, Matroska; M4A, MP3, Ogg, AMR, WAV; plain text); the client\u2019s type and the file name are ignored.';

/** The upload routes of each app, which a resumable upload (`/api/uploads`) may name as its `target`. */
const targetsOfApp = new WeakMap<App, UploadTarget[]>();

/** The single-request upload routes registered on `app` (read when a resumable upload begins). */
export function uploadTargetsOf(app: App): readonly UploadTarget[] {
  return targetsOfApp.get(app) ?? [];
}

/**
 * A route that uploads one document to the case `:id` of `url`, streamed (`uploadDocument`): a draft's
 * documents, or a sent case's for a supplement, which differ only in which case states take uploads.
 */
export function registerDocumentUploadRoute(
  app: App,
  deps: AppDeps,
  route: {
    url: `/api/cases/:id/${string}`;
    tags: string[];
    summary: string;
    /** Whether the case takes uploads in its state (default: drafts only). */
    assertAcceptsUploads?: (row: CaseRow) => void;
  },
): void {
  const targets = targetsOfApp.get(app) ?? [];
  targets.push({ url: route.url, assertAcceptsUploads: route.assertAcceptsUploads });
  targetsOfApp.set(app, targets);
  app.post(
    route.url,
    {
      schema: {
        tags: route.tags,
        summary: route.summary,
        description: contentRule,
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
        ...(route.assertAcceptsUploads ? { assertAcceptsUploads: route.assertAcceptsUploads } : {}),
      });
      return reply.status(201).send(document);
    },
  );
}
