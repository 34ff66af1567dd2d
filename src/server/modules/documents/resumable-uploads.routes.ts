import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Server as TusServer } from '@tus/server';
import { z } from 'zod';
import { resumableUploadMetadataSchema } from '../../../domain/documents/documents.schema.js';
import { AppError, errorStatus, type ErrorCode } from '../../../domain/errors.js';
import type { AppDeps } from '../../app-deps.js';
import { openUploadPartsStore } from '../../platform/blob-store/upload-parts-store.js';
import type { App } from '../../platform/http/fastify-app.js';
import { clientIp, requireActor } from '../../platform/http/authenticate.js';
import { tokenHash } from '../auth/index.js';
import { uploadTargetsOf } from './document-upload.routes.js';
import { parseUploadMetadata } from './upload-metadata.codec.js';
import {
  beginResumableUpload,
  cancelResumableUpload,
  finishResumableUpload,
  getOwnedUpload,
  type UploadActor,
} from './resumable-uploads.usecase.js';
import type { ResumableUploadRow } from './resumable-uploads.repository.js';
import { startUploadSweeper } from './resumable-uploads.worker.js';
import type { FastifyRequest } from 'fastify';

const PATH = '/api/uploads';
const uploadParamsSchema = z.object({ id: z.uuid() });

/** What a request to the tus server carries from the route that checked it (who, and which upload). */
interface UploadRequestContext {
  acting: UploadActor;
  row: ResumableUploadRow;
}

/** The Node request under tus's web request (srvx's `runtime.node`). */
const nodeRequestOf = (req: unknown) =>
  (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;

/** A refusal as the tus server sends it: the API's error body, its status. */
function asTusError(error: unknown): { status_code: number; body: string } {
  const appError = error instanceof AppError ? error : null;
  const code: ErrorCode = appError?.code ?? 'internal.error';
  const body = {
    error: {
      code,
      message: appError?.message ?? 'The upload could not be attached.',
      ...(appError?.issues ? { issues: appError.issues } : {}),
      ...(appError?.details ? { details: appError.details } : {}),
    },
  };
  return { status_code: errorStatus[code], body: JSON.stringify(body) };
}

/**
 * Resumable uploads with the tus 1.0 protocol (docs/decisions/0028): `POST /api/uploads` begins one (the
 * multipart route it stands for, the kind and the file name in `Upload-Metadata`; its length in
 * `Upload-Length`), `HEAD` tells how many bytes arrived, `PATCH` sends more from there, `DELETE` cancels. Every
 * request is the session's (cookie, origin check) and an upload is its session's alone; the checks run here,
 * before the tus server (`@tus/server`) sees a byte. The last byte hands the upload to `uploadDocument`, the
 * single-request upload's own path, and the final `PATCH` answers with the document. Hidden from the OpenAPI
 * document: tus is a protocol of headers, described in its specification.
 */
export function registerResumableUploadRoutes(app: App, deps: AppDeps): void {
  const parts = openUploadPartsStore(deps.config.uploadDir);
  const contexts = new WeakMap<IncomingMessage, UploadRequestContext>();
  const contextOf = (req: unknown): UploadRequestContext => {
    const node = nodeRequestOf(req);
    const context = node ? contexts.get(node) : undefined;
    if (!context) throw new AppError('internal.error');
    return context;
  };
  const tus = new TusServer({
    path: PATH,
    datastore: parts.datastore,
    maxSize: deps.config.maxDocumentBytes,
    relativeLocation: true,
    // The id the route checked and recorded (a UUID), not one of tus's choosing.
    namingFunction: (req) => contextOf(req).row.id,
    onUploadFinish: async (req) => {
      const { acting, row } = contextOf(req);
      try {
        const document = await finishResumableUpload({
          ...acting,
          blobs: deps.blobs,
          row,
          parts,
          maxBytes: deps.config.maxDocumentBytes,
          targets: uploadTargetsOf(app),
        });
        return {
          status_code: 200,
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify(document),
        };
      } catch (error) {
        if (!(error instanceof AppError))
          deps.log.warn({ uploadId: row.id, err: error }, 'upload not attached');
        // @tus/server answers a thrown `{ status_code, body }` as it is (its documented way to refuse an upload).
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        throw asTusError(error);
      }
    },
  });
  const stopSweeper = startUploadSweeper({
    db: deps.db,
    clock: deps.clock,
    parts,
    expiryMs: deps.config.uploadExpiryMs,
    log: deps.log,
  });
  app.addHook('onClose', async () => stopSweeper());

  // tus sends its bytes as application/offset+octet-stream: left unread for the tus server to stream.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));

  const actingOf = (request: FastifyRequest): UploadActor => {
    const actor = requireActor(request);
    return {
      db: deps.db,
      clock: deps.clock,
      actor,
      sessionTokenHash: tokenHash(request.auth?.token ?? ''),
      ip: clientIp(request),
    };
  };

  app.post(PATH, { schema: { hide: true } }, async (request, reply) => {
    const acting = actingOf(request);
    if (
      request.headers['upload-defer-length'] !== undefined ||
      request.headers['upload-length'] === undefined
    )
      throw new AppError('uploads.length_required');
    const length = String(request.headers['upload-length']);
    if (!/^\d{1,16}$/.test(length))
      throw new AppError('request.invalid', {
        issues: [
          { path: 'headers.upload-length', code: 'validation.invalid_type', message: 'A whole number.' },
        ],
      });
    const row = await beginResumableUpload({
      ...acting,
      id: randomUUID(),
      metadata: parseUploadMetadata(request.headers['upload-metadata'], resumableUploadMetadataSchema),
      size: Number(length),
      maxBytes: deps.config.maxDocumentBytes,
      targets: uploadTargetsOf(app),
    });
    contexts.set(request.raw, { acting, row });
    reply.hijack();
    await tus.handle(request.raw, reply.raw);
  });

  app.route({
    method: ['HEAD', 'PATCH'],
    url: `${PATH}/:id`,
    schema: { hide: true, params: uploadParamsSchema },
    handler: async (request, reply) => {
      const acting = actingOf(request);
      const row = await getOwnedUpload({
        ...acting,
        id: request.params.id,
        touch: request.method === 'PATCH',
      });
      contexts.set(request.raw, { acting, row });
      reply.hijack();
      await tus.handle(request.raw, reply.raw);
    },
  });

  app.delete(
    `${PATH}/:id`,
    { schema: { hide: true, params: uploadParamsSchema } },
    async (request, reply) => {
      await cancelResumableUpload({ ...actingOf(request), id: request.params.id, parts });
      return reply.status(204).header('tus-resumable', '1.0.0').send();
    },
  );
}
