/**
 * Who sent a request, and whether it came over HTTPS — believing a reverse proxy's
 * `X-Forwarded-For` / `X-Forwarded-Proto` only when the proxy is one the library named in
 * TRUST_PROXY ([docs/rules.md#behind-a-proxy](../../docs/rules.md#behind-a-proxy)). Anyone can write those headers; only a proxy we know wrote them.
 *
 * - The client address: the socket peer, unless the peer is a trusted proxy; then walk
 *   `X-Forwarded-For` from the right (each proxy appends the address it received from) past the
 *   trusted proxies: the first untrusted hop is the client. When every hop is trusted, the
 *   leftmost is. A hop that is not an IP address ends the walk at the trusted hop to its right
 *   (what a trusted proxy vouches for is only what it appended).
 * - HTTPS: the connection itself, or `X-Forwarded-Proto: https` from a trusted peer (its first
 *   value: the scheme the client used with the outermost proxy).
 * Addresses are canonical: IPv6 compressed and lower-case, IPv4-mapped IPv6 (`::ffff:10.0.0.1`)
 * as the IPv4 address, no zone. The rules are pure functions below; `requestOrigin` applies them.
 */
import { BlockList, isIP } from 'node:net';
import { getRequestIP, type H3Event } from 'h3';

/** The proxies named in TRUST_PROXY (addresses or CIDR subnets). */
export interface TrustedProxies {
  /** As configured, for the log and the README. */
  readonly entries: readonly string[];
  /** Whether a canonical address is one of them. */
  has(address: string): boolean;
}

export interface RequestOrigin {
  /** The client's canonical address; null when unknown (a request built in-process). */
  address: string | null;
  https: boolean;
}

const MAPPED_IPV4 = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;

/** The canonical form of an IP address, or null when `text` is not one. Pure. */
export function canonicalAddress(text: string): string | null {
  const bare = text.trim().replace(/%[^%]*$/, '');
  const family = isIP(bare);
  if (family === 4) return bare;
  if (family !== 6) return null;
  const compressed = new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  const mapped = MAPPED_IPV4.exec(compressed);
  if (!mapped) return compressed;
  const high = parseInt(mapped[1]!, 16);
  const low = parseInt(mapped[2]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** One `X-Forwarded-For` entry: an address, also `[v6]`, `[v6]:port` or `v4:port` as some proxies write. */
function forwardedAddress(entry: string): string | null {
  const t = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(t);
  if (bracketed) return canonicalAddress(bracketed[1]!);
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(t);
  return canonicalAddress(withPort ? withPort[1]! : t);
}

/**
 * Parses TRUST_PROXY: comma-separated addresses or subnets (`10.0.0.1, 10.1.0.0/16, fd00::/8`);
 * empty or unset = none. Throws naming the entry that is neither.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const entries = (value ?? '').split(',').map((e) => e.trim()).filter((e) => e !== '');
  const list = new BlockList();
  for (const entry of entries) {
    const [addressText, prefixText, ...rest] = entry.split('/');
    const address = canonicalAddress(addressText!);
    const family = address === null ? 0 : isIP(address);
    const prefix = prefixText === undefined ? null : Number(prefixText);
    const maxPrefix = family === 4 ? 32 : 128;
    if (address === null || rest.length > 0 || (prefix !== null && !(/^\d{1,3}$/.test(prefixText!) && prefix <= maxPrefix))) {
      throw new Error(`TRUST_PROXY: not an address or subnet: ${entry}`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === null) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return {
    entries,
    has: (address) => {
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/** The client address from the socket peer and `X-Forwarded-For` (see the header). Pure. */
export function clientAddressFrom(peer: string | null, forwardedFor: string | null, trusted: TrustedProxies): string | null {
  let client = peer === null ? null : canonicalAddress(peer);
  if (client === null || !trusted.has(client) || forwardedFor === null) return client;
  const hops = forwardedFor.split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = forwardedAddress(hops[i]!);
    if (hop === null) break;
    client = hop;
    if (!trusted.has(hop)) break;
  }
  return client;
}

/** Whether the request came over HTTPS: the connection, or a trusted peer's `X-Forwarded-Proto`. Pure. */
export function isHttpsFrom(protocol: string, peer: string | null, forwardedProto: string | null, trusted: TrustedProxies): boolean {
  if (protocol === 'https:') return true;
  // No proxy trusted (the common case, asked on every response): nothing to canonicalise.
  if (trusted.entries.length === 0) return false;
  const address = peer === null ? null : canonicalAddress(peer);
  if (address === null || !trusted.has(address) || forwardedProto === null) return false;
  return forwardedProto.split(',')[0]!.trim().toLowerCase() === 'https';
}

/** The client address and scheme of a request, by the rules above. */
export function requestOrigin(event: H3Event, trusted: TrustedProxies): RequestOrigin {
  const peer = getRequestIP(event, { xForwardedFor: false }) ?? null;
  const headers = event.req.headers;
  return {
    address: clientAddressFrom(peer, headers.get('x-forwarded-for'), trusted),
    https: isHttpsFrom(event.url.protocol, peer, headers.get('x-forwarded-proto'), trusted),
  };
}

/** Whether the request came over HTTPS (every response asks, for HSTS): the address is not worked out. */
export function requestIsHttps(event: H3Event, trusted: TrustedProxies): boolean {
  if (event.url.protocol === 'https:') return true;
  if (trusted.entries.length === 0) return false;
  return isHttpsFrom(event.url.protocol, getRequestIP(event, { xForwardedFor: false }) ?? null, event.req.headers.get('x-forwarded-proto'), trusted);
}

/**
 * A canonical address as a store key part (domain/key-shapes.ts KEY_PART has no `.` or `:`):
 * `.` → `-` and `:` → `_`. One-to-one on canonical addresses, which contain neither `-` nor `_`.
 * An unknown address is `unknown`. Pure.
 */
export function addressKeyPart(address: string | null): string {
  return address === null ? 'unknown' : address.replaceAll('.', '-').replaceAll(':', '_');
}

/** The request's client address as a key part (login and issuance throttling per address). */
export function clientAddressKeyPart(event: H3Event, trusted: TrustedProxies): string {
  return addressKeyPart(requestOrigin(event, trusted).address);
}
