import { z } from 'zod';
import { AppError } from '../../../domain/errors.js';
import type { App } from '../../app.js';
import type { AppDeps } from '../../app-deps.js';
import { isSha256Hex } from '../../platform/crypto/hash.js';
import { receiveMessage } from './receive-message.js';
import { verifyUploadToken } from './upload-token.js';

const shaParams = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) });

/**
 * The node-to-node endpoints. No session: the sender is authenticated by its signatures (the
 * message's JWS, or a signed upload token for a document), checked against the trust store.
 */
export async function registerExchangeRoutes(app: App, deps: AppDeps): Promise<void> {
  // Documents travel as raw bytes, streamed: the body is not parsed here but piped into the store.
  app.addContentTypeParser('application/octet-stream', (_request, _payload, done) => done(null));

  app.post(
    '/exchange/v1/messages',
    {
      bodyLimit: 32 * 1024 * 1024,
      schema: {
        tags: ['exchange'],
        summary: 'Deliver a signed message (node to node)',
        description:
          'Answers 200 with the signed delivery receipt (also for a repeat), 409 while documents or earlier messages of the thread are missing, 422 when the message is refused.',
        body: z.object({
          jws: z
            .string()
            .min(10)
            .max(32 * 1024 * 1024),
        }),
        security: [],
      },
    },
    async (request, reply) => {
      const result = await receiveMessage(deps.exchange.receiver, request.body.jws);
      if ('receiptJws' in result) return { outcome: result.outcome, receipt: result.receiptJws };
      if (result.outcome === 'incomplete') {
        return reply.status(409).send({
          error: {
            code: result.reason,
            message: 'Not accepted yet.',
            details: { missing: result.missing ?? [] },
          },
        });
      }
      return reply.status(422).send({ error: { code: result.reason, message: 'Message refused.' } });
    },
  );

  app.head(
    '/exchange/v1/blobs/:sha256',
    {
      schema: {
        tags: ['exchange'],
        summary: 'Does this node hold a document?',
        params: shaParams,
        security: [],
      },
    },
    async (request, reply) => reply.status((await deps.blobs.has(request.params.sha256)) ? 200 : 404).send(),
  );

  app.put(
    '/exchange/v1/blobs/:sha256',
    {
      schema: {
        tags: ['exchange'],
        summary: 'Upload a document by its SHA-256 (node to node, streamed)',
        description:
          'Needs an `x-casebridge-upload` header: a JWS by the sending node over {node, sha256, size, exp}. The bytes are hashed while stored; a mismatch is refused and nothing kept.',
        params: shaParams,
        security: [],
      },
    },
    async (request, reply) => {
      const token = request.headers['x-casebridge-upload'];
      const claimed = request.params.sha256;
      const check =
        typeof token === 'string'
          ? await verifyUploadToken(deps.db, { token, sha256: claimed, now: deps.clock.now() })
          : { ok: false as const };
      if (!check.ok) {
        request.raw.resume();
        return reply
          .status(401)
          .send({ error: { code: 'auth.unauthenticated', message: 'A valid upload token is required.' } });
      }
      if (await deps.blobs.has(claimed)) {
        request.raw.resume();
        return { sha256: claimed, stored: false };
      }
      const stored = await deps.blobs.put(request.raw, {
        maxBytes: Math.min(deps.config.maxDocumentBytes, check.size),
      });
      if (stored.sha256 !== claimed || !isSha256Hex(stored.sha256)) {
        const referenced = await deps.db
          .selectFrom('blobs')
          .select('sha256')
          .where('sha256', '=', stored.sha256)
          .executeTakeFirst();
        if (!referenced) await deps.blobs.remove(stored.sha256);
        throw new AppError('documents.hash_mismatch');
      }
      return reply.status(201).send({ sha256: stored.sha256, stored: true });
    },
  );
}
