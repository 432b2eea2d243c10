/**
 * A push service for tests (RFC 8030), run on 127.0.0.1: it keeps every request, answers 201 — or,
 * per endpoint path, another status or nothing at all (a service that hangs) — and the helpers
 * check what a real push service and a real browser would: the VAPID JWT (RFC 8292) and the
 * aes128gcm payload (RFC 8291), decrypted with the subscription's own private key.
 *
 *   const push = await startPushService();  after(() => push.close());
 *   const device = browserKeys(push.endpoint('/a'));   // an ECDH P-256 pair and a 16-byte auth secret
 *   await patron.fetch('/api/push/subscriptions', {method: 'POST', body: JSON.stringify(device.subscription), …});
 *   const [req] = await push.waitFor(1);  verifyVapid(req, {...});  JSON.parse(decryptPayload(req, device));
 */
import assert from 'node:assert/strict';
import { createECDH, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { decrypt } from 'http_ece';

export interface PushRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  at: number;
}

export interface PushService {
  origin: string;
  requests: PushRequest[];
  endpoint(path: string): string;
  /** What a path answers from now on: a status, or 'hang' (never answers). Default 201. */
  answer(path: string, with_: number | 'hang'): void;
  /** Resolves when at least `count` requests arrived (or fails after `ms`). */
  waitFor(count: number, ms?: number): Promise<PushRequest[]>;
  close(): Promise<void>;
}

export async function startPushService(): Promise<PushService> {
  const requests: PushRequest[] = [];
  const answers = new Map<string, number | 'hang'>();
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks), at: Date.now() });
      const answer = answers.get(req.url ?? '') ?? 201;
      if (answer === 'hang') hanging.push(res);
      else res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    origin,
    requests,
    endpoint: (path) => `${origin}${path}`,
    answer: (path, with_) => void answers.set(path, with_),
    async waitFor(count, ms = 5000) {
      const deadline = Date.now() + ms;
      while (requests.length < count) {
        if (Date.now() > deadline) assert.fail(`push service: ${requests.length} of ${count} requests within ${ms} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return requests;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface BrowserKeys {
  ecdh: ECDH;
  authSecret: string;
  subscription: { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
}

/** A subscription as a browser makes one: an ECDH P-256 pair and a 16-byte auth secret, base64url. */
export function browserKeys(endpoint: string): BrowserKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const authSecret = randomBytes(16).toString('base64url');
  return { ecdh, authSecret, subscription: { endpoint, expirationTime: null, keys: { p256dh: ecdh.getPublicKey('base64url'), auth: authSecret } } };
}

export function decryptPayload(req: PushRequest, keys: BrowserKeys): string {
  return decrypt(req.body, { version: 'aes128gcm', privateKey: keys.ecdh, authSecret: keys.authSecret }).toString('utf8');
}

/**
 * Checks the request's VAPID authorization as a push service does: `vapid t=<JWT>, k=<key>`, the
 * JWT signed ES256 by that key, `aud` the endpoint's origin, `exp` in the next 24 hours, `sub` given.
 */
export function verifyVapid(req: PushRequest, expect: { publicKey: string; audience: string; subject: string }): void {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(String(req.headers['authorization'] ?? ''));
  assert.ok(m, `Authorization: ${req.headers['authorization']}`);
  const [, jwt, k] = m;
  assert.equal(k, expect.publicKey, 'k= is the server’s VAPID public key');
  const [h, p, s] = jwt!.split('.') as [string, string, string];
  const header = JSON.parse(Buffer.from(h, 'base64url').toString());
  assert.deepEqual([header.alg, header.typ], ['ES256', 'JWT']);
  const raw = Buffer.from(k!, 'base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33, 65).toString('base64url') }, format: 'jwk' });
  assert.ok(verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url')), 'the JWT signature verifies with k');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
  assert.equal(claims.aud, expect.audience);
  assert.equal(claims.sub, expect.subject);
  const now = Date.now() / 1000;
  assert.ok(claims.exp > now && claims.exp <= now + 24 * 3600, `exp ${claims.exp} within 24 h of now`);
}
