/**
 * The client address and HTTPS behind reverse proxies ([docs/rules.md#behind-a-proxy](../../docs/rules.md#behind-a-proxy), server/http/client-address.ts):
 * X-Forwarded-For / X-Forwarded-Proto believed only from a proxy in TRUST_PROXY. The pure rules,
 * then the real server on a socket: a spoofed header from an untrusted peer changes nothing, the
 * same header from a trusted proxy names the client (login throttling per address), HTTPS (HSTS) and
 * the cookies' names.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from 'h3';
import {
  addressKeyPart,
  canonicalAddress,
  clientAddressFrom,
  isHttpsFrom,
  parseTrustedProxies,
} from '../../server/http/client-address.ts';
import { readConfig } from '../../server/config.ts';
import { KEY_PART } from '../../server/domain/key-shapes.ts';
import { keys } from '../../server/domain/records.ts';
import type { ThrottleRecord } from '../../server/auth/throttle.ts';
import { startTestApp, type TestApp } from './helpers.ts';

const none = parseTrustedProxies(undefined);
const proxy = parseTrustedProxies('10.0.0.1');

describe('canonical addresses', () => {
  it('keeps IPv4, compresses and lower-cases IPv6, unmaps IPv4-mapped IPv6, drops a zone', () => {
    assert.equal(canonicalAddress('203.0.113.7'), '203.0.113.7');
    assert.equal(canonicalAddress('2001:DB8:0:0:0:0:0:1'), '2001:db8::1');
    assert.equal(canonicalAddress('::ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(canonicalAddress('::FFFF:cb00:7107'), '203.0.113.7');
    assert.equal(canonicalAddress('fe80::1%eth0'), 'fe80::1');
    assert.equal(canonicalAddress(' ::1 '), '::1');
  });

  it('is null for what is not an address', () => {
    for (const bad of ['', 'unknown', '203.0.113', '203.0.113.07', '1.2.3.4.5', 'example.org', '::g', '1.2.3.4/24', '../x']) {
      assert.equal(canonicalAddress(bad), null, bad);
    }
  });

  it('become distinct key parts of the key alphabet', () => {
    const parts = ['203.0.113.7', '2001:db8::1', '2001:db8:0:1::', '::1', '1::', null].map((a) => addressKeyPart(a));
    for (const p of parts) assert.match(p, KEY_PART);
    assert.equal(new Set(parts).size, parts.length);
  });
});

describe('the client address', () => {
  it('is the socket peer when TRUST_PROXY is empty, whatever X-Forwarded-For says', () => {
    assert.equal(clientAddressFrom('203.0.113.7', '198.51.100.1', none), '203.0.113.7');
    assert.equal(clientAddressFrom('::ffff:203.0.113.7', null, none), '203.0.113.7');
  });

  it('ignores a spoofed X-Forwarded-For from a peer that is not a trusted proxy', () => {
    assert.equal(clientAddressFrom('203.0.113.7', '198.51.100.1, 10.0.0.1', proxy), '203.0.113.7');
  });

  it('is the hop the trusted proxy appended', () => {
    assert.equal(clientAddressFrom('10.0.0.1', '198.51.100.1', proxy), '198.51.100.1');
    // What the client wrote itself (left of the appended hop) is not believed.
    assert.equal(clientAddressFrom('10.0.0.1', '192.0.2.66, 198.51.100.1', proxy), '198.51.100.1');
  });

  it('walks a chain of trusted proxies to the first untrusted hop', () => {
    const chain = parseTrustedProxies('10.0.0.1, 10.0.0.2, 10.9.0.0/16');
    assert.equal(clientAddressFrom('10.0.0.1', '192.0.2.66, 198.51.100.1, 10.9.1.1, 10.0.0.2', chain), '198.51.100.1');
    // Every hop trusted: the leftmost is the client (the library's own LAN).
    assert.equal(clientAddressFrom('10.0.0.1', '10.0.0.2', chain), '10.0.0.2');
  });

  it('stops at a hop that is not an address (the trusted hop to its right stands)', () => {
    const chain = parseTrustedProxies('10.0.0.1, 10.0.0.2');
    assert.equal(clientAddressFrom('10.0.0.1', '198.51.100.1, garbage, 10.0.0.2', chain), '10.0.0.2');
    assert.equal(clientAddressFrom('10.0.0.1', 'garbage', chain), '10.0.0.1');
    assert.equal(clientAddressFrom('10.0.0.1', '', chain), '10.0.0.1');
  });

  it('understands IPv6 and IPv4-mapped forms on both sides', () => {
    const v6 = parseTrustedProxies('fd00::1, 10.0.0.1');
    assert.equal(clientAddressFrom('fd00:0:0:0:0:0:0:1', '2001:DB8::7', v6), '2001:db8::7');
    assert.equal(clientAddressFrom('::ffff:10.0.0.1', '[2001:db8::8]:4711', v6), '2001:db8::8');
    assert.equal(clientAddressFrom('::ffff:10.0.0.1', '203.0.113.9:4711', v6), '203.0.113.9');
    assert.equal(clientAddressFrom('::ffff:10.0.0.1', '::ffff:203.0.113.9', v6), '203.0.113.9');
  });

  it('is null when the peer is unknown (a request built in-process)', () => {
    assert.equal(clientAddressFrom(null, '198.51.100.1', proxy), null);
    assert.equal(addressKeyPart(null), 'unknown');
  });
});

describe('HTTPS', () => {
  it('is the connection itself, or X-Forwarded-Proto from a trusted proxy only', () => {
    assert.equal(isHttpsFrom('https:', '203.0.113.7', null, none), true);
    assert.equal(isHttpsFrom('http:', '203.0.113.7', 'https', none), false, 'spoofed by the client');
    assert.equal(isHttpsFrom('http:', '203.0.113.7', 'https', proxy), false, 'spoofed by an untrusted peer');
    assert.equal(isHttpsFrom('http:', '10.0.0.1', 'https', proxy), true);
    assert.equal(isHttpsFrom('http:', '::ffff:10.0.0.1', 'HTTPS, http', proxy), true);
    assert.equal(isHttpsFrom('http:', '10.0.0.1', 'http', proxy), false);
    assert.equal(isHttpsFrom('http:', '10.0.0.1', null, proxy), false);
  });
});

describe('TRUST_PROXY', () => {
  it('takes addresses and subnets, comma-separated; empty is none', () => {
    const list = parseTrustedProxies(' 10.0.0.1 ,192.168.0.0/24, fd00::/8,');
    assert.deepEqual(list.entries, ['10.0.0.1', '192.168.0.0/24', 'fd00::/8']);
    for (const yes of ['10.0.0.1', '192.168.0.200', 'fd12::1']) assert.equal(list.has(yes), true, yes);
    for (const no of ['10.0.0.2', '192.168.1.1', 'fe80::1', 'unknown']) assert.equal(list.has(no), false, no);
    assert.deepEqual(parseTrustedProxies('').entries, []);
  });

  it('refuses an entry that is neither, naming it (the server does not start)', () => {
    for (const bad of ['proxy.example', '10.0.0.0/33', '10.0.0.1/x', '10.0.0.0/8/1', 'fd00::/129']) {
      assert.throws(() => readConfig({ TRUST_PROXY: `10.0.0.1,${bad}` }), new RegExp(`TRUST_PROXY: .*${bad.replace(/[./]/g, '\\$&')}`), bad);
    }
  });
});

describe('behind a proxy, on a real socket', () => {
  const apps: TestApp[] = [];
  const servers: { close(force?: boolean): Promise<void> }[] = [];
  after(async () => {
    await Promise.all(servers.map((s) => s.close(true)));
    await Promise.all(apps.map((a) => a.close()));
  });

  /** The real app on a free loopback port; every request comes from 127.0.0.1. */
  async function listen(env: Record<string, string>) {
    const t = await startTestApp({ env });
    apps.push(t);
    await t.addPatron({ cardNumber: '2000000326', password: 'library1' });
    await t.addPatron({ cardNumber: '2000000276', password: 'library2' });
    const server = serve(t.app, { port: 0, hostname: '127.0.0.1', silent: true });
    servers.push(server);
    await server.ready();
    const base = server.url!.replace(/\/$/, '');
    const login = (cardNumber: string, password: string, headers: Record<string, string> = {}) =>
      fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ cardNumber, password }) });
    return { t, base, login };
  }

  /** The failures the login throttle holds for a client address (the store's record). */
  async function addressFailures(t: TestApp, address: string): Promise<number> {
    const record = await t.ctx.store.get<ThrottleRecord>(keys.throttle('login-addr', addressKeyPart(address)));
    return record?.failures.length ?? 0;
  }

  /** 20 failures (the per-address limit) on made-up cards, as if from `forwardedFor`. */
  async function failTwenty(login: (c: string, p: string, h?: Record<string, string>) => Promise<Response>, forwardedFor: string) {
    for (let i = 0; i < 20; i++) assert.equal((await login(`90000000${String(i).padStart(2, '0')}`, 'guess', { 'x-forwarded-for': forwardedFor })).status, 401);
  }

  it('without TRUST_PROXY a spoofed X-Forwarded-For does not escape the per-address count', async () => {
    const { t, login } = await listen({});
    await failTwenty(login, '198.51.100.1');
    // Another made-up address in the header: still the same socket address, counted there.
    assert.equal((await login('9000000099', 'guess', { 'x-forwarded-for': '198.51.100.2' })).status, 401);
    assert.equal(await addressFailures(t, '127.0.0.1'), 21, 'every failure counts for the socket peer');
    assert.equal(await addressFailures(t, '198.51.100.1'), 0);
    assert.equal(await addressFailures(t, '198.51.100.2'), 0);
  });

  it('with the peer in TRUST_PROXY, the forwarded client is the one counted, and others behind the proxy are not', async () => {
    const { t, login } = await listen({ TRUST_PROXY: '127.0.0.1' });
    await failTwenty(login, '198.51.100.1');
    assert.equal((await login('9000000099', 'guess', { 'x-forwarded-for': '198.51.100.2' })).status, 401);
    assert.equal(await addressFailures(t, '198.51.100.1'), 20, 'the guessing client is counted');
    assert.equal(await addressFailures(t, '198.51.100.2'), 1, 'another client of the proxy has its own count');
    assert.equal(await addressFailures(t, '127.0.0.1'), 0, 'the proxy itself is not');
    assert.equal((await login('2000000276', 'library2', { 'x-forwarded-for': '198.51.100.2' })).status, 200, 'and logs in');
  });

  it('over HTTPS through a trusted proxy the cookies are __Host- and Secure, and read under that name only', async () => {
    const { base, login } = await listen({ TRUST_PROXY: '127.0.0.1' });
    const https = { 'x-forwarded-proto': 'https' };
    const res = await login('2000000326', 'library1', https);
    assert.equal(res.status, 200);
    const [session, device] = res.headers.getSetCookie();
    assert.match(session!, /^__Host-shiori_session=[a-z2-7]{40}; Path=\/; Secure; HttpOnly; SameSite=Lax$/);
    assert.match(device!, /^__Host-shiori_device=[A-Za-z0-9_-]{43}; Path=\/; Secure; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    assert.doesNotMatch(session! + device!, /Domain/i);
    const pair = session!.split(';')[0]!;
    const id = pair.split('=')[1]!;
    assert.equal((await fetch(`${base}/api/session`, { headers: { ...https, cookie: pair } })).status, 200);
    assert.equal((await fetch(`${base}/api/session`, { headers: { ...https, cookie: `shiori_session=${id}` } })).status, 401, 'the plain name over HTTPS');
    assert.equal((await fetch(`${base}/api/session`, { headers: { cookie: pair } })).status, 401, 'the __Host- name over plain http');
    const out = await fetch(`${base}/api/session`, { method: 'DELETE', headers: { ...https, cookie: pair } });
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie') ?? '', /^__Host-shiori_session=; Path=\/; Secure; HttpOnly; SameSite=Lax; Max-Age=0$/);
    assert.equal((await fetch(`${base}/api/session`, { headers: { ...https, cookie: pair } })).status, 401, 'logged out');
  });

  it('from a peer not in TRUST_PROXY, X-Forwarded-Proto: https is ignored: plain cookie names, no Secure', async () => {
    const { login } = await listen({});
    const res = await login('2000000326', 'library1', { 'x-forwarded-proto': 'https' });
    assert.equal(res.status, 200);
    const [session, device] = res.headers.getSetCookie();
    assert.match(session!, /^shiori_session=[a-z2-7]{40}; Path=\/; HttpOnly; SameSite=Lax$/);
    assert.match(device!, /^shiori_device=/);
    assert.doesNotMatch(session! + device!, /Secure|__Host-/);
  });

  it('sends HSTS only on answers that came over HTTPS through a trusted proxy', async () => {
    const trusted = await listen({ TRUST_PROXY: '127.0.0.1' });
    const https = await fetch(`${trusted.base}/api/library`, { headers: { 'x-forwarded-proto': 'https' } });
    assert.equal(https.headers.get('strict-transport-security'), 'max-age=31536000');
    const error = await fetch(`${trusted.base}/api/nothing`, { headers: { 'x-forwarded-proto': 'https' } });
    assert.equal(error.status, 404);
    assert.equal(error.headers.get('strict-transport-security'), 'max-age=31536000', 'errors too');
    const plain = await fetch(`${trusted.base}/api/library`);
    assert.equal(plain.headers.get('strict-transport-security'), null);
    const untrusted = await listen({});
    const spoofed = await fetch(`${untrusted.base}/api/library`, { headers: { 'x-forwarded-proto': 'https' } });
    assert.equal(spoofed.headers.get('strict-transport-security'), null);
  });
});
