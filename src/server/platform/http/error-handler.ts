import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  AppError,
  describeError,
  errorMessages,
  errorStatus,
  type ErrorCode,
  type FieldIssue,
} from '../../../domain/errors.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';

/** What a 503 asks the client to wait before trying again, in seconds. */
export const RETRY_AFTER_SECONDS = 5;

/** The body of every error answer: a stable code (an i18n key), a message, and per-field issues. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: FieldIssue[]; details?: Record<string, unknown> };
}

const isErrorCode = (value: string): value is ErrorCode => Object.hasOwn(errorStatus, value);

/** zod issue → `{ path: 'body.parties.0.nationalId', code }`; a refinement's message may carry a domain code. */
function toFieldIssues(error: {
  validation: { instancePath: string; keyword: string; message?: string }[];
  validationContext?: string;
}): FieldIssue[] {
  return error.validation.map((v) => {
    const segments = v.instancePath.split('/').filter(Boolean);
    const path = [error.validationContext ?? 'body', ...segments].join('.');
    const code = v.message && /^[a-z_]+\.[a-z_.]+$/.test(v.message) ? v.message : `validation.${v.keyword}`;
    return { path, code, ...(v.message && v.message !== code ? { message: v.message } : {}) };
  });
}

/** Maps anything thrown to one HTTP answer; unexpected errors are logged (ids only) and answered 500. */
export function handleError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.issues) body.error.issues = error.issues;
    if (error.details) body.error.details = error.details;
    // A refusal that says how long to wait (429 `auth.throttled`) says it in the standard header too.
    if (typeof error.details?.retryAfterSeconds === 'number')
      void reply.header('retry-after', String(error.details.retryAfterSeconds));
    return reply.status(error.status).send(body);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = toFieldIssues(error);
    const domain = issues.map((i) => i.code).find(isErrorCode);
    const code: ErrorCode = domain ?? 'request.invalid';
    return reply
      .status(400)
      .send({ error: { code, message: describeError(code, issues), issues } } satisfies ErrorBody);
  }
  const fastifyCode = (error as FastifyError).code;
  const status = (error as FastifyError).statusCode ?? 500;
  if (
    fastifyCode === 'FST_REQ_FILE_TOO_LARGE' ||
    fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
    status === 413
  ) {
    return reply.status(413).send({
      error: { code: 'request.too_large', message: errorMessages['request.too_large'] },
    } satisfies ErrorBody);
  }
  if (status === 415 || fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return reply.status(415).send({
      error: {
        code: 'request.unsupported_media_type',
        message: errorMessages['request.unsupported_media_type'],
      },
    } satisfies ErrorBody);
  }
  if (status === 429) {
    return reply.status(429).send({
      error: { code: 'request.rate_limited', message: errorMessages['request.rate_limited'] },
    } satisfies ErrorBody);
  }
  if (status >= 400 && status < 500) {
    return reply
      .status(status)
      .send({ error: { code: 'request.invalid', message: error.message } } satisfies ErrorBody);
  }
  if (isDatabaseUnavailable(error)) {
    // The database is unreachable, stalled or overloaded: the request may succeed if tried again.
    request.log.warn({ err: { type: error.name, code: fastifyCode } }, 'database unavailable');
    return reply
      .status(503)
      .header('retry-after', String(RETRY_AFTER_SECONDS))
      .send({
        error: { code: 'service.unavailable', message: errorMessages['service.unavailable'] },
      } satisfies ErrorBody);
  }
  request.log.error({ err: { type: error.name, code: fastifyCode, stack: error.stack } }, 'unhandled error');
  return reply.status(500).send({
    error: { code: 'internal.error', message: errorMessages['internal.error'] },
  } satisfies ErrorBody);
}
