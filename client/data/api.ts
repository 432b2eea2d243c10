/**
 * The one fetch wrapper. It adds the headers every call needs (kiosk, language), parses
 * `{error:{code,message,…parameters}}` into an ApiFailure, and turns a 401 into a trip to the login
 * page (the app's `onUnauthenticated`). The app makes one (client/app/app-state.ts) and hands it to
 * every page through its services context; the data modules beside this one take it as `api`.
 */
import type { ApiError, ErrorCode } from '../../common/api.ts';
import { KIOSK_HEADER } from '../../common/offline.ts';

export type FailureCode = ErrorCode | 'network' | 'unexpected';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: FailureCode,
    message: string,
    readonly retryAfterSeconds: number | null = null,
    /** The refusal's parameters beside code and message (common/refusals.ts), as the server sent them. */
    readonly params: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  /** 'redirect' (default): a 401 sends the patron to login. 'throw': the caller handles it. */
  on401?: 'redirect' | 'throw';
  /** Aborts the request (a page load that a newer one replaced). */
  signal?: AbortSignal;
  /** The same request already sent (the start's GET /api/account): its answer is read instead of fetching. */
  response?: Promise<Response>;
}

export interface ApiResult<T> {
  status: number;
  data: T;
  headers: Headers;
}

export type Api = <T>(path: string, options?: ApiOptions) => Promise<ApiResult<T>>;

/** What an API client needs to know of the app it serves. */
export interface ApiSettings {
  kiosk(): boolean;
  language(): 'ja' | 'en';
  /** A 401 that was not asked to be thrown: the session is over. */
  onUnauthenticated(): void;
}

function retryAfter(res: Response, body: Partial<ApiError> | null): number | null {
  const fromBody = body?.error?.retryAfterSeconds;
  if (typeof fromBody === 'number') return fromBody;
  const header = res.headers.get('Retry-After');
  const seconds = header === null ? NaN : Number(header);
  return Number.isFinite(seconds) ? seconds : null;
}

function failureOf(res: Response, body: Partial<ApiError> | null): ApiFailure {
  const error = (body?.error ?? {}) as Partial<ApiError['error']> & Record<string, unknown>;
  const { code, message, retryAfterSeconds: _retry, ...params } = error;
  const failureCode: FailureCode = typeof code === 'string' ? code : res.status === 401 ? 'unauthenticated' : 'unexpected';
  return new ApiFailure(res.status, failureCode, typeof message === 'string' ? message : '', retryAfter(res, body), params);
}

export function createApi(settings: ApiSettings): Api {
  return async <T>(path: string, options: ApiOptions = {}): Promise<ApiResult<T>> => {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Language': settings.language(),
      ...options.headers,
    };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (settings.kiosk()) headers[KIOSK_HEADER] = '1';

    let res: Response;
    try {
      res = await (options.response ?? fetch(path, {
        method: options.method ?? 'GET',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: 'same-origin',
        ...(options.signal ? { signal: options.signal } : {}),
      }));
    } catch (error) {
      if (options.signal?.aborted) throw error; // nobody waits for it any more
      throw new ApiFailure(0, 'network', '');
    }

    const text = await res.text();
    let parsed: unknown = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
    }

    if (!res.ok) {
      const failure = failureOf(res, parsed as Partial<ApiError> | null);
      if (res.status === 401 && (options.on401 ?? 'redirect') === 'redirect') settings.onUnauthenticated();
      throw failure;
    }
    return { status: res.status, data: parsed as T, headers: res.headers };
  };
}
