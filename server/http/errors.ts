/**
 * API errors: `{ "error": { "code", "message", ...parameters } }` ([docs/api.md#errors](../../docs/api.md#errors)).
 * Operations throw a `RefusalError` (domain/refusal-error.ts), which knows no HTTP; the edge's own
 * checks (guards, body and parameter validation, security) throw with `apiError`, which may add
 * headers. The app's error hook (`errorResponse`) turns any thrown value into that JSON: the status
 * from the one table (refusal-status.ts), the message worded from the code and its parameters by
 * the shared catalogue (common/wording/), in the request's language. Headers for an error
 * (Retry-After…) must travel inside the error: headers set on `event.res` are not sent with error
 * responses.
 */
import { HTTPError, type H3Event } from 'h3';
import type { ErrorCode } from '../../common/api.ts';
import type { BareRefusalCode, Refusal } from '../../common/refusals.ts';
import { refusalMessage, wordingLanguage } from '../../common/wording/index.ts';
import type { Log } from '../log.ts';
import { KeyPartError } from '../domain/records.ts';
import { RefusalError, type RefusalPointer } from '../domain/refusal-error.ts';
import { StoreConflictError, StoreUnavailableError } from '../storage/store.ts';
import { REFUSAL_STATUS, refusalHeaders } from './refusal-status.ts';

export interface ApiErrorExtra {
  /** Response headers, e.g. { 'WWW-Authenticate': 'Bearer' }. */
  headers?: Record<string, string>;
  /** Which request field, and a note for developers, e.g. { field: 'Idempotency-Key' }. */
  fields?: RefusalPointer;
  /** Only where the code's status ({@link REFUSAL_STATUS}) does not fit the request (see its one use). */
  status?: number;
}

interface ApiErrorData {
  refusal: Refusal;
  fields?: RefusalPointer;
}

const asRefusal = (refusal: Refusal | BareRefusalCode): Refusal => (typeof refusal === 'string' ? ({ code: refusal } as Refusal) : refusal);

/** The edge's refusal (a guard, a validation): the status is the code's ({@link REFUSAL_STATUS}). */
export function apiError(refusal: Refusal | BareRefusalCode, extra: ApiErrorExtra = {}): never {
  const r = asRefusal(refusal);
  const data: ApiErrorData = { refusal: r, ...(extra.fields ? { fields: extra.fields } : {}) };
  const headers = { ...refusalHeaders(r), ...extra.headers };
  throw new HTTPError({ status: extra.status ?? REFUSAL_STATUS[r.code], message: r.code, data, headers });
}

/** The code of a refusal thrown by `apiError` or `refuse` (or null for anything else). */
export function apiErrorCode(error: unknown): ErrorCode | null {
  if (error instanceof RefusalError) return error.refusal.code;
  if (!HTTPError.isError(error)) return null;
  const data = (error as HTTPError).data as ApiErrorData | undefined;
  return data?.refusal?.code ?? null;
}

const statusCodes: Record<number, BareRefusalCode> = {
  400: 'invalid_input',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'invalid_input',
};

/** The error JSON of a refusal; the status is the code's unless given. */
export function errorJson(refusal: Refusal, acceptLanguage: string | null, fields: RefusalPointer = {}, headers?: Headers | Record<string, string>, status = REFUSAL_STATUS[refusal.code]): Response {
  const h = new Headers(headers);
  h.set('content-type', 'application/json; charset=utf-8');
  h.set('cache-control', 'no-store');
  const { code, ...params } = refusal;
  const message = refusalMessage(refusal, wordingLanguage(acceptLanguage));
  return new Response(JSON.stringify({ error: { code, message, ...params, ...fields } }), { status, headers: h });
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
    return errorJson({ code: 'invalid_input' }, lang);
  }
  // The store could not commit (nothing was written) or kept conflicting: a moment later may work.
  const store = [error, http?.cause].find((e) => e instanceof StoreConflictError || e instanceof StoreUnavailableError) as Error | undefined;
  if (store) {
    log.error(`[503] ${event.req.method} ${event.url.pathname}: ${store.message}`, store.cause);
    return errorJson({ code: 'internal' }, lang, undefined, { 'Retry-After': '1' }, 503);
  }
  // An operation's refusal (h3 wraps what it did not throw itself, keeping it as the cause).
  const refused = error instanceof RefusalError ? error : http?.cause instanceof RefusalError ? http.cause : null;
  if (refused) return errorJson(refused.refusal, lang, refused.pointer, refusalHeaders(refused.refusal));
  const data = http?.data as ApiErrorData | undefined;
  if (http && data?.refusal) return errorJson(data.refusal, lang, data.fields, http.headers, http.status);
  if (http && !http.unhandled && http.status < 500) {
    return errorJson(asRefusal(statusCodes[http.status] ?? 'invalid_input'), lang, undefined, http.headers, http.status);
  }
  log.error(`[500] ${event.req.method} ${event.url.pathname}`, (http?.cause as Error | undefined) ?? error);
  return errorJson({ code: 'internal' }, lang);
}
