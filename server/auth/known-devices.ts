/**
 * Device cookies (OWASP's "slow down online guessing" scheme): a browser that logged in to a card
 * carries a random token (`shiori_device`, `__Host-shiori_device` over HTTPS; HttpOnly,
 * SameSite=Strict, knownDeviceDays), and the store records, per card, the SHA-256 of each token that
 * logged in to it:
 *
 *   known-device:<cardNumber>:<sha256 hex of the token>   KnownDeviceRecord (TTL knownDeviceDays,
 *                                                         renewed at each login from it)
 *
 * While a card is locked by failures from unknown devices, a known device still logs in to it with
 * the right password; its own failures lock that device alone (login-throttle.ts). The token means
 * nothing without the record, and the store never holds the token itself, so a copy of the store
 * opens no lock. One token per browser, shared by the cards it logs in to. Kiosk logins neither
 * issue nor honour it: a shared machine is nobody's own device.
 */
import { createHash, randomBytes } from 'node:crypto';
import { getCookie, type H3Event } from 'h3';
import type { IsoInstant } from '../../common/api.ts';
import type { AppContext } from '../context.ts';
import { keys } from '../domain/records.ts';
import { cookieName, isHttpsRequest, scopeAttributes } from '../http/cookies.ts';

export const DEVICE_COOKIE = 'shiori_device';

/** 32 random bytes, base64url without padding. Anything else is not a token of ours. */
const DEVICE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface KnownDeviceRecord {
  firstLoginAt: IsoInstant;
  lastLoginAt: IsoInstant;
}

export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The token as a key part: its SHA-256 in hex. */
export function deviceTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The device token the request carries (its scheme's cookie name), or null. */
export function readDeviceToken(ctx: AppContext, event: H3Event): string | null {
  const value = getCookie(event, cookieName(DEVICE_COOKIE, isHttpsRequest(ctx, event)));
  return value !== undefined && DEVICE_TOKEN.test(value) ? value : null;
}

function ttlSeconds(ctx: AppContext): number {
  return ctx.policy.loginThrottle.knownDeviceDays * 86_400;
}

export function deviceCookieHeader(ctx: AppContext, event: H3Event, token: string): string {
  const https = isHttpsRequest(ctx, event);
  return `${cookieName(DEVICE_COOKIE, https)}=${token}; ${scopeAttributes(https)}; HttpOnly; SameSite=Strict; Max-Age=${ttlSeconds(ctx)}`;
}

export async function isKnownDevice(ctx: AppContext, cardNumber: string, token: string): Promise<boolean> {
  return (await ctx.store.get<KnownDeviceRecord>(keys.knownDevice(cardNumber, deviceTokenHash(token)))) !== null;
}

/** Records (or renews) the device as one that logged in to the card. */
export async function rememberDevice(ctx: AppContext, cardNumber: string, token: string): Promise<void> {
  const key = keys.knownDevice(cardNumber, deviceTokenHash(token));
  const at = ctx.clock.now().toISOString();
  await ctx.store.transaction(async (tx) => {
    const known = await tx.get<KnownDeviceRecord>(key);
    tx.set(key, { firstLoginAt: known?.firstLoginAt ?? at, lastLoginAt: at }, { ttlSeconds: ttlSeconds(ctx) });
  });
}
