/**
 * Which throttle scopes a login attempt counts against (throttle.ts for the two kinds):
 * - from a device that logged in to this card before (known-devices.ts): that device on that card
 *   alone (`login-device`, a lock after maxFailuresPerCard). The card's own lock and the address's
 *   spacing do not apply: the owner keeps getting in while someone else guesses;
 * - from any other device: the card (`login-card`, a lock after maxFailuresPerCard — refused even
 *   with the right password while it lasts) and the client address (`login-addr`, spacing after
 *   maxFailuresPerAddress: attempts wait their turn, right passwords included, but are not refused).
 * A malformed card number names no card: it counts for the address alone.
 */
import type { H3Event } from 'h3';
import type { AppContext } from '../context.ts';
import { clientAddressKeyPart } from '../http/client-address.ts';
import { deviceTokenHash, isKnownDevice } from './known-devices.ts';
import { loginLimits, type ThrottleScope } from './throttle.ts';

export interface LoginScopes {
  scopes: ThrottleScope[];
  /** The scope a right password resets (its failures are forgotten). */
  resets: string[];
}

export async function loginScopes(ctx: AppContext, event: H3Event, cardNumber: string | null, deviceToken: string | null): Promise<LoginScopes> {
  const limits = loginLimits(ctx.policy);
  if (cardNumber && deviceToken && (await isKnownDevice(ctx, cardNumber, deviceToken))) {
    return { scopes: [{ scope: 'login-device', id: `${cardNumber}_${deviceTokenHash(deviceToken)}`, limit: limits.perCard }], resets: ['login-device'] };
  }
  return {
    scopes: [
      ...(cardNumber ? [{ scope: 'login-card', id: cardNumber, limit: limits.perCard }] : []),
      { scope: 'login-addr', id: clientAddressKeyPart(event, ctx.config.trustProxy), limit: limits.perAddress },
    ],
    resets: ['login-card'],
  };
}
