/**
 * API errors: `{ "error": { "code", "message" } }` ([docs/api.md](../../docs/api.md)). Handlers throw with `apiError`;
 * the app's error hook (`errorResponse`) turns any thrown value into that JSON, with the message in
 * the request's language. Headers for an error (Retry-After…) must travel inside the error:
 * headers set on `event.res` are not sent with error responses.
 */
import { HTTPError, type H3Event } from 'h3';
import type { ErrorCode } from '../../common/api.ts';
import { messageFor } from './messages.ts';
import type { Log } from '../log.ts';
import { KeyPartError } from '../domain/records.ts';
import { StoreConflictError, StoreUnavailableError } from '../storage/store.ts';

export interface ApiErrorExtra {
  /** Response headers, e.g. { 'Retry-After': '60' }. */
  headers?: Record<string, string>;
  /** Extra fields inside `error`, e.g. { retryAfterSeconds: 60 } or { field: 'cardNumber' }. */
  fields?: Record<string, unknown>;
}

interface ApiErrorData {
  apiCode: ErrorCode;
  fields?: Record<string, unknown>;
}

export function apiError(status: number, code: ErrorCode, extra: ApiErrorExtra = {}): never {
  const data: ApiErrorData = { apiCode: code, ...(extra.fields ? { fields: extra.fields } : {}) };
  throw new HTTPError({ status, message: code, data, ...(extra.headers ? { headers: extra.headers } : {}) });
}

/** The code of an error thrown by `apiError` (or null for anything else). */
export function apiErrorCode(error: unknown): ErrorCode | null {
  if (!HTTPError.isError(error)) return null;
  const data = (error as HTTPError).data as ApiErrorData | undefined;
  return data?.apiCode ?? null;
}

const statusCodes: Record<number, ErrorCode> = {
  400: 'invalid_input',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'invalid_input',
};

export function errorJson(status: number, code: ErrorCode, acceptLanguage: string | null, fields?: Record<string, unknown>, headers?: Headers): Response {
  const h = new Headers(headers);
  h.set('content-type', 'application/json; charset=utf-8');
  h.set('cache-control', 'no-store');
  return new Response(JSON.stringify({ error: { code, message: messageFor(code, acceptLanguage, fields), ...fields } }), { status, headers: h });
}

/**
 * Any thrown value → error JSON. Unexpected ones are logged and become 500 `internal`. A key part
 * the key builders refused is request text that got past the route's validation: the request was
 * bad (400 invalid_input), and the route needs a check (logged as a warning).
 */
export function errorResponse(error: unknown, event: H3Event, log: Log): Response {
  const lang = event.req.headers.get('accept-language');
  const http = HTTPError.isError(error) ? (error as HTTPError) : null;
  const keyPart = error instanceof KeyPartError ? error : http?.cause instanceof KeyPartError ? http.cause : null;
  if (keyPart) {
    log.warn(`[400] ${event.req.method} ${event.url.pathname}: unvalidated request text reached a key: ${keyPart.message}`);
    return errorJson(400, 'invalid_input', lang);
  }
  // The store could not commit (nothing was written) or kept conflicting: a moment later may work.
  const store = [error, http?.cause].find((e) => e instanceof StoreConflictError || e instanceof StoreUnavailableError) as Error | undefined;
  if (store) {
    log.error(`[503] ${event.req.method} ${event.url.pathname}: ${store.message}`, store.cause);
    return errorJson(503, 'internal', lang, undefined, new Headers({ 'Retry-After': '1' }));
  }
  const data = http?.data as ApiErrorData | undefined;
  if (http && data?.apiCode) return errorJson(http.status, data.apiCode, lang, data.fields, http.headers);
  if (http && !http.unhandled && http.status < 500) {
    return errorJson(http.status, statusCodes[http.status] ?? 'invalid_input', lang, undefined, http.headers);
  }
  log.error(`[500] ${event.req.method} ${event.url.pathname}`, (http?.cause as Error | undefined) ?? error);
  return errorJson(500, 'internal', lang);
}
