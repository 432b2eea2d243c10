/**
 * Security headers on every response (errors included), HSTS on answers over HTTPS, and the CSRF
 * origin check.
 */
import type { H3Event } from 'h3';
import { verifyRequestOrigin } from 'lucia';
import { apiError } from './errors.ts';

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/**
 * Sent only on answers that went over HTTPS (directly or through a trusted proxy,
 * http/client-address.ts): browsers ignore it over plain HTTP, and `http://localhost` must keep
 * working. One year, this host only (a library's other hosts are not ours to pin).
 */
export const HSTS = 'max-age=31536000';

/**
 * Puts the security headers (and HSTS over HTTPS) on whatever this request gets, answer or error,
 * without copying the response: h3 merges `event.res.headers` (answers) and `event.res.errHeaders` (errors) into it.
 */
export function setSecurityHeaders(event: H3Event, https: boolean): void {
  for (const [k, val] of Object.entries(SECURITY_HEADERS)) {
    event.res.headers.set(k, val);
    event.res.errHeaders.set(k, val);
  }
  if (https) {
    event.res.headers.set('Strict-Transport-Security', HSTS);
    event.res.errHeaders.set('Strict-Transport-Security', HSTS);
  }
}

/** A copy of `res` carrying the security headers (responses' own headers may be immutable). */
export function withSecurityHeaders(res: Response, https: boolean): Response {
  const headers = new Headers(res.headers);
  for (const [k, val] of Object.entries(SECURITY_HEADERS)) headers.set(k, val);
  if (https) headers.set('Strict-Transport-Security', HSTS);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses (403 forbidden) a state-changing /api request sent from another origin: an `Origin`
 * header that is not this host, or `Sec-Fetch-Site: cross-site`. Requests without either (curl,
 * the staff CLI, tests) pass: the SameSite=Lax cookie already keeps cross-site forms out.
 * Staff calls carrying a bearer token are not cookie-authenticated, so they are exempt.
 */
export function checkRequestOrigin(event: H3Event): void {
  const { method } = event.req;
  const path = event.url.pathname;
  if (!STATE_CHANGING.has(method) || !path.startsWith('/api/')) return;
  const headers = event.req.headers;
  if (path.startsWith('/api/staff/') && /^Bearer\s/i.test(headers.get('authorization') ?? '')) return;
  if (headers.get('sec-fetch-site') === 'cross-site') apiError('forbidden');
  const origin = headers.get('origin');
  if (origin === null) return;
  const host = headers.get('host') ?? event.url.host;
  if (origin === 'null' || !verifyRequestOrigin(origin, [host])) apiError('forbidden');
}
