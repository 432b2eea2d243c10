/**
 * The one fetch wrapper. It adds the headers every call needs (kiosk, language), parses
 * `{error:{code,message}}` into an ApiFailure, and turns a 401 into a trip to the login page
 * that comes back to where the patron was.
 */
import type { ApiError, ErrorCode } from '../../common/api.ts';
import { KIOSK_HEADER } from '../../common/offline.ts';
import { isKiosk } from '../app/kiosk.ts';
import { displayOptions } from '../app/display-options.ts';
import { goToLogin } from '../app/navigate.ts';
import { currentPatron, setCurrentPatron } from '../app/session-state.ts';

export type FailureCode = ErrorCode | 'network' | 'unexpected';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: FailureCode,
    message: string,
    readonly retryAfterSeconds: number | null = null,
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
}

export interface ApiResult<T> {
  status: number;
  data: T;
  headers: Headers;
}

function retryAfter(res: Response, body: Partial<ApiError> | null): number | null {
  const fromBody = body?.error?.retryAfterSeconds;
  if (typeof fromBody === 'number') return fromBody;
  const header = res.headers.get('Retry-After');
  const seconds = header === null ? NaN : Number(header);
  return Number.isFinite(seconds) ? seconds : null;
}

export async function api<T>(path: string, options: ApiOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': displayOptions().lang === 'en' ? 'en' : 'ja',
    ...options.headers,
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (isKiosk()) headers[KIOSK_HEADER] = '1';

  let res: Response;
  try {
    res = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
    });
  } catch {
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
    const body = parsed as Partial<ApiError> | null;
    const code: FailureCode = body?.error?.code ?? (res.status === 401 ? 'unauthenticated' : 'unexpected');
    const failure = new ApiFailure(res.status, code, body?.error?.message ?? '', retryAfter(res, body));
    if (res.status === 401 && (options.on401 ?? 'redirect') === 'redirect') {
      // The session ended (idle timeout): the header must stop saying ログインしています.
      if (currentPatron()) setCurrentPatron(null);
      goToLogin();
    }
    throw failure;
  }
  return { status: res.status, data: parsed as T, headers: res.headers };
}
