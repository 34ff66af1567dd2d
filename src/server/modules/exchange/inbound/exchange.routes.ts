import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type ErrorCode } from '../../../../domain/errors.js';
import type { App } from '../../../platform/http/fastify-app.js';
import type { AppDeps } from '../../../app-deps.js';
import { isSha256Hex } from '../../../platform/crypto/hash.js';
import { handleError } from '../../../platform/http/error-handler.js';
import { isBlobReferenced, mayKnowOfBlob, recordBlobUpload } from '../transport/blob-uploads.repository.js';
import { createRefusalLimiter } from './refusal-limiter.rules.js';
import { receiveMessage, sourceKey } from './receive-message.usecase.js';
import { verifyUploadToken } from '../transport/upload-token.policy.js';

const shaParams = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) });

const UPLOAD_TOKEN = 'x-casebridge-upload';

function errorAnswer(reply: FastifyReply, status: number, code: ErrorCode, message: string) {
  return reply.status(status).send({ error: { code, message } });
}

/**
 * The node-to-node endpoints. No session: the sender is authenticated by its signatures (the
 * message's JWS, or a signed upload token for a document), checked against the trust store.
 *
 * Anonymous traffic is fenced in three ways. A message's envelope has its own body limit (documents
 * travel on their own): past it, 413 and nothing read further. What is refused before a trusted
 * key's signature verified leaves at most a bounded record (`receiveMessage`). And every such
 * refusal counts against its source address: past `exchange.refusalsPerMinute`, the address is
 * answered 429 before its body is read, until the minute is over — a trusted peer's valid messages,
 * from its own address, are never counted and never wait.
 */
export async function registerExchangeRoutes(app: App, deps: AppDeps): Promise<void> {
  const limiter = createRefusalLimiter({ perMinute: deps.config.exchange.refusalsPerMinute });
  const maxMessageBytes = deps.config.exchange.maxMessageBytes;
  const countRefusal = (request: FastifyRequest) => limiter.count(sourceKey(request.ip), deps.clock.now());
  const rateLimited = (reply: FastifyReply, seconds: number) =>
    errorAnswer(
      reply.header('retry-after', String(seconds)),
      429,
      'message.rate_limited',
      'Too many refused requests from this address; try again later.',
    );
  /** A source over its limit is answered at once; its body is not read (and the connection is closed). */
  const throttleSource = async (request: FastifyRequest, reply: FastifyReply) => {
    const wait = limiter.retryAfter(sourceKey(request.ip), deps.clock.now());
    if (wait > 0) return rateLimited(reply.header('connection', 'close'), wait);
  };

  // Documents travel as raw bytes, streamed: the body is not parsed here but piped into the store.
  app.addContentTypeParser('application/octet-stream', (_request, _payload, done) => done(null));

  app.post(
    '/exchange/v1/messages',
    {
      bodyLimit: maxMessageBytes,
      onRequest: throttleSource,
      // A body too large, not JSON or not `{ jws }` is junk too: it counts against its source.
      // eslint-disable-next-line @typescript-eslint/no-misused-promises -- returns the reply, as Fastify allows
      errorHandler: (error: FastifyError, request, reply) => {
        if ((error.statusCode ?? 500) >= 500) return handleError(error, request, reply);
        countRefusal(request);
        if (error.code !== 'FST_ERR_CTP_BODY_TOO_LARGE') return handleError(error, request, reply);
        return errorAnswer(
          reply.header('connection', 'close'),
          413,
          'message.too_large',
          `A message may have at most ${maxMessageBytes} bytes; documents travel on their own.`,
        );
      },
      schema: {
        tags: ['exchange'],
        summary: 'Deliver a signed message (node to node)',
        description:
          'Answers 200 with the signed delivery receipt (also for a repeat), 409 while documents or earlier messages of the thread are missing, 422 when the message is refused, 413 `message.too_large` past `EXCHANGE_MAX_MESSAGE_BYTES`, 429 `message.rate_limited` (with `Retry-After`) when the source address has had too many messages refused this minute.',
        body: z.object({ jws: z.string().min(10).max(maxMessageBytes) }),
        security: [],
      },
    },
    async (request, reply) => {
      const result = await receiveMessage(deps.exchange.receiver, request.body.jws, {
        source: { address: request.ip, limiter },
      });
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
      if (result.outcome === 'throttled') return rateLimited(reply, result.retryAfterSeconds);
      return reply.status(422).send({ error: { code: result.reason, message: 'Message refused.' } });
    },
  );

  /**
   * The peer a request's upload token names, if the token is valid for this document. A token that
   * does not verify counts as a refusal against the source; so does a missing one where it is
   * required (an upload). A `HEAD` without one is not counted: peers of earlier versions ask so.
   */
  const uploader = async (request: FastifyRequest, sha256: string, required: boolean) => {
    const token = request.headers[UPLOAD_TOKEN];
    if (typeof token !== 'string') {
      if (required) countRefusal(request);
      return { ok: false as const };
    }
    const check = await verifyUploadToken(deps.db, { token, sha256, now: deps.clock.now() });
    if (!check.ok) countRefusal(request);
    return check;
  };

  app.head(
    '/exchange/v1/blobs/:sha256',
    {
      onRequest: throttleSource,
      schema: {
        tags: ['exchange'],
        summary: 'Does this node hold a document? (a peer about to upload it)',
        description:
          'Needs the same `x-casebridge-upload` token as the upload. Answers 200 only to a trusted peer that uploaded the document here or was sent it by this node, and only while the node holds it; anyone else gets the 404 of a missing document.',
        params: shaParams,
        security: [],
      },
    },
    async (request, reply) => {
      const { sha256 } = request.params;
      const check = await uploader(request, sha256, false);
      const known =
        check.ok &&
        (await mayKnowOfBlob(deps.db, { node: check.node, sha256 })) &&
        (await deps.blobs.has(sha256));
      return reply.status(known ? 200 : 404).send();
    },
  );

  app.put(
    '/exchange/v1/blobs/:sha256',
    {
      onRequest: throttleSource,
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
      const claimed = request.params.sha256;
      const check = await uploader(request, claimed, true);
      if (!check.ok) {
        // Not drained: the connection is closed once answered, so a stranger cannot make it read on.
        return reply
          .header('connection', 'close')
          .status(401)
          .send({ error: { code: 'auth.unauthenticated', message: 'A valid upload token is required.' } });
      }
      // Only a peer that may know the document is held is spared sending it again; to any other, a
      // document already held is stored (hashed) like a new one, so the answer tells nothing.
      if (
        (await mayKnowOfBlob(deps.db, { node: check.node, sha256: claimed })) &&
        (await deps.blobs.has(claimed))
      ) {
        request.raw.resume();
        return { sha256: claimed, stored: false };
      }
      const stored = await deps.blobs.put(request.raw, {
        maxBytes: Math.min(deps.config.maxDocumentBytes, check.size),
      });
      if (stored.sha256 !== claimed || !isSha256Hex(stored.sha256)) {
        if (!(await isBlobReferenced(deps.db, stored.sha256))) await deps.blobs.remove(stored.sha256);
        throw new AppError('documents.hash_mismatch');
      }
      await recordBlobUpload(deps.db, { node: check.node, sha256: stored.sha256, at: deps.clock.now() });
      return reply.status(201).send({ sha256: stored.sha256, stored: true });
    },
  );
}
