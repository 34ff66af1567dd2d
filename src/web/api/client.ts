import { SESSION_EXPIRES_HEADER } from '../../domain/auth.schema.js';
import { errorStatus, type ErrorCode, type FieldIssue } from '../../domain/errors.js';
import { connection, isUnavailableStatus } from './connection.js';
import { sessionClock } from './session-clock.js';

/** An error answered by the API (`{ error: { code, message, issues } }`), or a failure to reach it. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: FieldIssue[];
  /** What the server added to the code (e.g. who changed a case and when, for `cases.changed_concurrently`). */
  readonly details: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    message: string,
    issues: FieldIssue[] = [],
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.details = details;
  }
}

/** The code used when the server could not be reached at all (offline station, server down). */
export const NETWORK_ERROR = 'network.unreachable';

/** Is this code one the server defines (so that `errors.<code>` exists in the dictionaries)? */
export function isKnownErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorStatus, code);
}

/** The i18n key that explains an error to the user. */
export function errorMessageKey(error: unknown): string {
  if (error instanceof ApiError) {
    if (isKnownErrorCode(error.code)) return `errors.${error.code}`;
    if (error.code === NETWORK_ERROR) return 'common.networkError';
  }
  return 'common.unknownError';
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; issues?: unknown; details?: unknown };
}

/** Builds the ApiError for a non-2xx response, reading the server's error body when it has one. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: ErrorBody | undefined;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    body = undefined;
  }
  const e = body?.error;
  const code =
    typeof e?.code === 'string'
      ? e.code
      : response.status === 401
        ? 'auth.unauthenticated'
        : 'internal.error';
  const message = typeof e?.message === 'string' ? e.message : response.statusText;
  const issues = Array.isArray(e?.issues) ? (e.issues as FieldIssue[]) : [];
  const details =
    typeof e?.details === 'object' && e.details !== null ? (e.details as Record<string, unknown>) : {};
  return new ApiError(response.status, code, message, issues, details);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** The version of the thing changed (`If-Match`): the server refuses the change if it has moved on. */
  version?: string | undefined;
}

/**
 * Calls the API with the session cookie (same origin only) and JSON in and out.
 * Resolves with the parsed body (undefined for 204); throws ApiError otherwise.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  };
  if (options.signal) init.signal = options.signal;
  if (options.version) init.headers = { ...init.headers, 'if-match': `"${options.version}"` };
  if (options.body !== undefined) {
    init.headers = { ...init.headers, 'content-type': 'application/json' };
    init.body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    connection.reportUnreachable();
    throw new ApiError(0, NETWORK_ERROR, 'network error');
  }
  const expiresAt = response.headers.get(SESSION_EXPIRES_HEADER);
  if (expiresAt) sessionClock.note(expiresAt, response.headers.get('date'));
  if (!response.ok) {
    const error = await errorFromResponse(response);
    if (isUnavailableStatus(error.status, error.code)) connection.reportUnreachable();
    else connection.reportReachable();
    throw error;
  }
  connection.reportReachable();
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Builds a query string from the defined, non-empty params. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
