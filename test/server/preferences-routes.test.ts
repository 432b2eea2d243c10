/** 受取館・連絡方法 初期設定 through the real app and store ([docs/rules.md#hold-defaults](../../docs/rules.md#hold-defaults), [docs/api.md](../../docs/api.md)). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type PatronClient, type TestApp } from './helpers.ts';
import { call } from './json-call.ts';

describe('preferences route', () => {
  let t: TestApp;
  let noEmail: PatronClient;
  let withEmail: PatronClient;

  before(async () => {
    t = await startTestApp({ now: '2020-04-27T01:00:00Z' });
    await t.addPatron({ cardNumber: '2000000326', password: 'abc123' });
    await t.addPatron({ cardNumber: '2000000276', password: 'abc123', email: 'hanako@example.com' });
    noEmail = await t.login('2000000326', 'abc123');
    withEmail = await t.login('2000000276', 'abc123');
  });
  after(() => t.close());

  const put = (client: PatronClient | TestApp, pickupBranch: unknown, contactMethod: unknown) =>
    call(client, 'PUT', '/api/preferences', { pickupBranch, contactMethod });

  it('needs a login', async () => assert.equal((await put(t, 'central', 'phone')).status, 401));

  it('saves the defaults new holds start with', async () => {
    const res = await put(noEmail, 'nishinodai', 'phone');
    assert.deepEqual([res.status, res.body], [200, { pickupBranch: 'nishinodai', contactMethod: 'phone' }]);
    const { patron } = await noEmail.json('/api/session');
    assert.deepEqual(patron.defaults, { pickupBranch: 'nishinodai', contactMethod: 'phone' });
  });

  it('refuses an unknown branch or contact method with 400 invalid_input, changing nothing', async () => {
    for (const [branch, method] of [['atlantis', 'phone'], ['central', 'fax'], ['central', null], [1, 'phone']]) {
      const res = await put(noEmail, branch, method);
      assert.deepEqual([res.status, res.body.error.code], [400, 'invalid_input'], `${branch} ${method}`);
    }
    assert.equal((await call(noEmail, 'PUT', '/api/preferences', { pickupBranch: 'central' })).status, 400);
    assert.deepEqual((await noEmail.json('/api/session')).patron.defaults, { pickupBranch: 'nishinodai', contactMethod: 'phone' });
  });

  it('refuses メール without a registered address (409 email_not_registered), accepts it with one', async () => {
    const refused = await put(noEmail, 'central', 'email');
    assert.deepEqual([refused.status, refused.body.error.code], [409, 'email_not_registered']);
    const accepted = await put(withEmail, 'higashi', 'email');
    assert.deepEqual([accepted.status, accepted.body], [200, { pickupBranch: 'higashi', contactMethod: 'email' }]);
  });
});
