/**
 * Names and attributes of the server's own cookies by the request's scheme ([docs/rules.md#behind-a-proxy](../../docs/rules.md#behind-a-proxy)): over HTTPS
 * (directly, or through a proxy in TRUST_PROXY that says so) a cookie is `__Host-<name>` with
 * `Secure`, `Path=/` and no `Domain` — a browser keeps such a cookie only when it came over HTTPS
 * from this very host, so neither plain http nor a sibling host can plant or overwrite it. Over
 * plain http (`npm start` on localhost) the bare name, without `Secure`, which the browser would drop.
 * A request is read with the name of its own scheme only.
 */
import type { H3Event } from 'h3';
import type { AppContext } from '../context.ts';
import { requestIsHttps } from './client-address.ts';

export function cookieName(name: string, https: boolean): string {
  return https ? `__Host-${name}` : name;
}

/** `Path=/` and, over HTTPS, `Secure` (what `__Host-` requires). */
export function scopeAttributes(https: boolean): string {
  return `Path=/${https ? '; Secure' : ''}`;
}

export function isHttpsRequest(ctx: AppContext, event: H3Event): boolean {
  return requestIsHttps(event, ctx.config.trustProxy);
}
