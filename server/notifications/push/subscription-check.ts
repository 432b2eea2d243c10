/**
 * Is a browser's push subscription one the server may send to? ([docs/rules.md#reminders](../../../docs/rules.md#reminders): 400 invalid_subscription)
 *
 * - The endpoint is an `https:` URL without credentials, at most 2,048 characters, on a host name or
 *   a public address: the server POSTs to it, so a loopback, private or link-local address literal
 *   (`https://10.0.0.5/…`, `https://localhost/…`) is refused — it would make the server a way into
 *   the library's own network. (A host *name* that resolves to such an address is not caught here.)
 *   With PUSH_ALLOW_HTTP_LOOPBACK=1 (tests only) `http://127.0.0.1:<port>/…` and `http://[::1]…` are
 *   accepted too, for a push service the test runs.
 * - `p256dh` is a P-256 public key (65 bytes, uncompressed, a point on the curve) and `auth` a
 *   16-byte secret, both base64url without padding, as PushSubscription.toJSON() gives them.
 */
import { createECDH } from 'node:crypto';
import { BlockList, isIP } from 'node:net';

export const MAX_ENDPOINT_LENGTH = 2048;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

const internal = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  internal.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['::ffff:0:0', 96],
] as const) {
  internal.addSubnet(net, prefix, 'ipv6');
}

/** A URL's host as an address literal (`[::1]` → `::1`), or null for a name. */
function addressLiteral(hostname: string): { address: string; family: 'ipv4' | 'ipv6' } | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  const v = isIP(bare);
  return v === 4 ? { address: bare, family: 'ipv4' } : v === 6 ? { address: bare, family: 'ipv6' } : null;
}

export function isAllowedEndpoint(endpoint: string, allowHttpLoopback: boolean): boolean {
  if (endpoint.length > MAX_ENDPOINT_LENGTH) return false;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  const literal = addressLiteral(url.hostname);
  if (url.protocol === 'http:') {
    return allowHttpLoopback && literal !== null && (literal.address === '127.0.0.1' || literal.address === '::1');
  }
  if (url.protocol !== 'https:') return false;
  if (url.hostname === 'localhost' || url.hostname.endsWith('.localhost')) return false;
  return literal === null || !internal.check(literal.address, literal.family);
}

function decodeBase64url(text: string): Buffer | null {
  return BASE64URL.test(text) ? Buffer.from(text, 'base64url') : null;
}

/** A P-256 public key, uncompressed (0x04 ‖ x ‖ y), that is a point of the curve. */
export function isP256PublicKey(p256dh: string): boolean {
  const raw = decodeBase64url(p256dh);
  if (!raw || raw.length !== 65 || raw[0] !== 0x04) return false;
  try {
    // OpenSSL refuses a point that is not on the curve.
    const probe = createECDH('prime256v1');
    probe.generateKeys();
    probe.computeSecret(raw);
    return true;
  } catch {
    return false;
  }
}

export function isAuthSecret(auth: string): boolean {
  const raw = decodeBase64url(auth);
  return raw !== null && raw.length === 16;
}
