/**
 * Request bodies (server/http/validate.ts, the one body reader): JSON needs
 * `Content-Type: application/json` (else 415 unsupported_media_type), a request without a body
 * needs none, and an answer given before the body was read (413, 415) closes the connection so a
 * keep-alive client's next request goes on a new one and succeeds — over a real socket.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { connect } from 'node:net';
import { serve } from 'h3';
import { isJsonContentType } from '../../server/http/validate.ts';
import { errorOf, startTestApp, STAFF_TOKEN, type PatronClient, type TestApp } from './helpers.ts';

describe('JSON content type', () => {
  it('is application/json, with no charset or charset=utf-8', () => {
    for (const yes of ['application/json', 'Application/JSON', 'application/json; charset=utf-8', 'application/json;charset="UTF-8"', 'application/json; foo=bar']) {
      assert.equal(isJsonContentType(yes), true, yes);
    }
    for (const no of [null, '', 'text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', 'application/json-seq', 'application/json; charset=iso-8859-1', 'text/json']) {
      assert.equal(isJsonContentType(no), false, String(no));
    }
  });
});

describe('bodies through the app', () => {
  let t: TestApp;
  let patron: PatronClient;
  let loanId: string;
  const credentials = JSON.stringify({ cardNumber: '2000000326', password: 'library1' });

  before(async () => {
    t = await startTestApp({ now: '2026-04-27T01:00:00Z' });
    await t.addPatron({ cardNumber: '2000000326', password: 'library1' });
    const { barcodes } = await t.addTitle({ title: '夢の守り人' });
    ({ loanId } = await t.checkout({ cardNumber: '2000000326', barcode: barcodes[0]!, dueOn: '2026-04-30' }));
    patron = await t.login('2000000326', 'library1');
  });
  after(() => t.close());

  it('a JSON body without the JSON content type is 415 unsupported_media_type, and nothing happens', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=iso-8859-1', null]) {
      const headers: Record<string, string> = type === null ? {} : { 'content-type': type };
      const req = new Request('http://localhost/api/session', { method: 'POST', headers, body: credentials });
      if (type === null) req.headers.delete('content-type'); // fetch adds text/plain for a string body
      const res = await t.app.fetch(req);
      const e = await errorOf(res);
      assert.deepEqual([e.status, e.code], [415, 'unsupported_media_type'], String(type));
      assert.match(e.message, /JSON/);
      assert.equal(res.headers.get('set-cookie'), null, 'no session was made');
    }
  });

  it('the English message says what to send', async () => {
    const e = await errorOf(await t.fetch('/api/session', { method: 'POST', headers: { 'content-type': 'text/plain', 'accept-language': 'en' }, body: credentials }));
    assert.equal(e.message, 'The request body must be JSON (Content-Type: application/json).');
  });

  it('application/json with charset=utf-8 is read', async () => {
    const res = await t.fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json; charset=UTF-8' }, body: credentials });
    assert.equal(res.status, 200);
  });

  it('a request without a body needs no content type (a renewal, a route whose body is optional)', async () => {
    const renewed = await patron.fetch(`/api/loans/${loanId}/renew`, { method: 'POST', headers: { 'content-length': '0' } });
    assert.equal(renewed.status, 200, await renewed.clone().text());
    const maintenance = await t.fetch('/api/staff/maintenance', { method: 'POST', headers: { authorization: `Bearer ${STAFF_TOKEN}` } });
    assert.equal(maintenance.status, 200, await maintenance.clone().text());
  });

  it('an array where an object is expected is 400 invalid_input, and nothing changes', async () => {
    const json = { 'content-type': 'application/json' };
    const login = await t.fetch('/api/session', { method: 'POST', headers: json, body: '[]' });
    assert.deepEqual([(await errorOf(login)).status, login.headers.get('set-cookie')], [400, null]);
    const before = (await patron.json('/api/account')).defaults;
    for (const [path, method, body] of [
      ['/api/preferences', 'PUT', '[{"pickupBranch":"higashi","contactMethod":"email"}]'],
      ['/api/notifications/settings', 'PUT', '[]'],
      ['/api/notifications/settings', 'PUT', '{"events":[]}'],
      ['/api/calendar-feed', 'POST', '[]'],
    ] as const) {
      const e = await errorOf(await patron.fetch(path, { method, headers: json, body }));
      assert.deepEqual([e.status, e.code], [400, 'invalid_input'], `${method} ${path} ${body}`);
    }
    assert.deepEqual((await patron.json('/api/account')).defaults, before);
  });

  it('bytes that are not UTF-8 are 400 invalid_input', async () => {
    const body = new Uint8Array([0x7b, 0x22, 0x63, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
    const e = await errorOf(await t.fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
    assert.deepEqual([e.status, e.code], [400, 'invalid_input']);
  });
});

describe('answers before the body was read, over a keep-alive connection', () => {
  let t: TestApp;
  let server: { close(force?: boolean): Promise<void>; url?: string | undefined };
  let port: number;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  before(async () => {
    t = await startTestApp();
    await t.addPatron({ cardNumber: '2000000326', password: 'library1' });
    const s = serve(t.app, { port: 0, hostname: '127.0.0.1', silent: true });
    await s.ready();
    server = s;
    port = Number(new URL(s.url!).port);
  });
  after(async () => {
    agent.destroy();
    await server.close(true);
    await t.close();
  });

  interface Answer {
    status: number;
    connection: string | undefined;
    /** The client side's port: a new one means a new connection. */
    localPort: number;
    body: string;
  }

  /** One POST /api/session on the shared keep-alive agent; `chunked` sends no Content-Length. */
  function post(body: string, opts: { type?: string; chunked?: boolean } = {}): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { 'content-type': opts.type ?? 'application/json' };
      if (!opts.chunked) headers['content-length'] = Buffer.byteLength(body);
      const req = http.request({ host: '127.0.0.1', port, path: '/api/session', method: 'POST', agent, headers }, (res) => {
        const localPort = res.socket.localPort!;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, localPort, body: text }));
      });
      req.on('error', reject);
      if (opts.chunked) {
        for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.slice(i, i + 64 * 1024));
        req.end();
      } else req.end(body);
    });
  }

  it('a body that breaks off (the client went away) is no server error', async () => {
    const errors: unknown[] = [];
    const logError = t.ctx.log.error;
    t.ctx.log.error = (m, x) => void errors.push([m, x]);
    try {
      const socket = connect(port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write('POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"cardNumber":');
      await new Promise((resolve) => setTimeout(resolve, 100));
      socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(errors, []);
    } finally {
      t.ctx.log.error = logError;
    }
  });

  const login = JSON.stringify({ cardNumber: '2000000326', password: 'library1' });
  const threeMegabytes = JSON.stringify({ cardNumber: '2000000326', password: 'x'.repeat(3 * 1024 * 1024) });

  for (const [label, opts, status] of [
    ['a 3 MB body with Content-Length → 413', {}, 413],
    ['a 3 MB chunked body → 413', { chunked: true }, 413],
    ['a 3 MB body that is not JSON → 415', { type: 'text/plain' }, 415],
    ['a 3 MB chunked body that is not JSON → 415', { type: 'text/plain', chunked: true }, 415],
  ] as const) {
    it(`${label} with Connection: close, then the next request on the agent succeeds`, async () => {
      const warm = await post(login);
      assert.equal(warm.status, 200);
      assert.equal(warm.connection, 'keep-alive');
      const refused = await post(threeMegabytes, opts);
      assert.equal(refused.status, status, refused.body);
      assert.equal(refused.connection, 'close');
      const next = await post(login);
      assert.equal(next.status, 200, next.body);
      assert.notEqual(next.localPort, refused.localPort, 'the next request went on a new connection');
    });
  }
});
