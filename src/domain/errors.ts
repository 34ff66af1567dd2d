/**
 * Every error the API can return, as a stable dotted code that is also an i18n key
 * (`errors.<code>` in the web UI's fa/en dictionaries). The HTTP status lives here too, in one place.
 */
export const errorStatus = {
  'request.invalid': 400,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  'request.rate_limited': 429,
  'auth.unauthenticated': 401,
  'auth.invalid_credentials': 401,
  'auth.locked': 423,
  'auth.account_disabled': 403,
  'auth.throttled': 429,
  'auth.invalid_code': 401,
  'auth.sign_in_expired': 401,
  'auth.totp_already_enrolled': 409,
  'auth.totp_not_started': 409,
  'auth.forbidden': 403,
  'auth.origin_refused': 403,
  'auth.session_expired': 401,
  'users.username_taken': 409,
  'users.not_found': 404,
  'organisations.not_found': 404,
  'organisations.code_taken': 409,
  'jurisdiction.not_found': 404,
  'cases.not_found': 404,
  'cases.not_editable': 409,
  'cases.not_ready': 422,
  'cases.invalid_state': 409,
  'parties.not_found': 404,
  'parties.invalid_national_id': 400,
  'parties.identity_required': 400,
  'parties.invalid_mobile': 400,
  'parties.invalid_passport_number': 400,
  'parties.has_custody': 409,
  'custody.not_found': 404,
  'custody.already_ended': 409,
  'custody.end_before_start': 400,
  'custody.party_not_accused': 400,
  'custody.already_open': 409,
  'custody.time_in_future': 400,
  'documents.not_found': 404,
  'documents.too_large': 413,
  'documents.unsupported_type': 415,
  'documents.empty': 400,
  'documents.upload_conflict': 409,
  'tracking.not_found': 404,
  'tracking.identity_required': 400,
  'figures.invalid_period': 400,
  'documents.hash_mismatch': 422,
  'documents.missing': 409,
  'thread.gap': 409,
  'thread.broken': 422,
  'signature.malformed': 422,
  'signature.invalid': 422,
  'signature.unknown_key': 422,
  'signature.revoked_key': 422,
  'signature.wrong_node': 422,
  'message.malformed': 422,
  'message.not_canonical': 422,
  'message.invalid_body': 422,
  'message.wrong_recipient': 422,
  'message.id_conflict': 422,
  'message.too_large': 413,
  'message.rate_limited': 429,
  'peers.not_found': 404,
  'submission.not_found': 404,
  'intake.not_found': 404,
  'intake.invalid_state': 409,
  'orders.not_found': 404,
  'orders.invalid_state': 409,
  'orders.deadline_in_past': 400,
  'escorts.not_found': 404,
  'escorts.invalid_state': 409,
  'escorts.scheduled_in_past': 400,
  'escorts.no_escort_unit': 422,
  'escorts.not_an_escort_order': 422,
  'internal.error': 500,
  'service.unavailable': 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** A field-level problem inside a 400 `request.invalid`: the field's path and a code. */
export interface FieldIssue {
  path: string;
  code: string;
  message?: string;
}

/** The one error type use cases throw; the HTTP layer maps `code` to a status and a body. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  readonly issues: FieldIssue[] | undefined;

  constructor(
    code: ErrorCode,
    options: { message?: string; details?: Record<string, unknown>; issues?: FieldIssue[] } = {},
  ) {
    super(options.message ?? code);
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
    this.issues = options.issues;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/** Shorthand: `throw appError('cases.not_found')`. */
export function appError(code: ErrorCode, details?: Record<string, unknown>): AppError {
  return new AppError(code, details ? { details } : {});
}

/** Is this value an AppError with the given code? */
export function isAppError(value: unknown, code?: ErrorCode): value is AppError {
  return value instanceof AppError && (code === undefined || value.code === code);
}
