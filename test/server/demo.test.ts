/** The demo data of `npm start` ([docs/rules.md#staff-and-clock](../../docs/rules.md#staff-and-clock)): the seed patron's story, placed around today. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AccountSnapshot } from '../../common/api.ts';
import { loadDemoIfEmpty } from '../../server/demo/load-demo.ts';
import { errorOf, startTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let snap: AccountSnapshot;
before(async () => {
  t = await startTestApp({ now: '2026-04-27T01:00:00Z', openEveryDay: true });
  assert.equal(await loadDemoIfEmpty(t.ctx), true);
  snap = await (await t.login('2000000326', 'library1')).json('/api/account');
});
after(() => t.close());

test('the seed patron has 夢の守り人 renewable now and 哲学のことば due in three weeks', () => {
  const yume = snap.loans.find((l) => l.title === '夢の守り人')!;
  assert.equal(yume.category, 'children');
  assert.equal(yume.renewable, true);
  assert.equal(yume.dueOn, '2026-04-30');
  const tetsugaku = snap.loans.find((l) => l.title === '哲学のことば')!;
  assert.deepEqual([tetsugaku.loanedOn, tetsugaku.dueOn, tetsugaku.category], ['2026-04-27', '2026-05-18', 'children']);
});

test('the seed patron has one hold ready, one in transit to 西之台 and two waiting with a rank', () => {
  const h = (title: string) => snap.holds.find((x) => x.title === title)!;
  assert.deepEqual([h('地底旅行').status, h('地底旅行').pickupBranch, h('地底旅行').pickupBy], ['ready', 'central', '2026-05-03']);
  assert.deepEqual([h('お城へ行こう!').status, h('お城へ行こう!').pickupBranch], ['in_transit', 'nishinodai']);
  assert.deepEqual([h('さいごの戦い').status, h('さいごの戦い').rank], ['waiting', 2]);
  assert.deepEqual([h('イソップ').status, h('イソップ').rank], ['waiting', 1]);
});

test('the seed patron cancelled 週刊ベースボール a few days ago', () => {
  assert.deepEqual(
    snap.cancelledHolds.map((c) => [c.title, c.cancelledOn, c.reason]),
    [['週刊ベースボール', '2026-04-24', null]],
  );
});

test('the second patron logs in; the third has no password yet', async () => {
  await t.login('2000000276', 'library2');
  const e = await errorOf(await t.fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cardNumber: '2000000418', password: 'library1' }) }));
  assert.equal(e.code, 'invalid_credentials');
});

test('the catalogue has a few hundred titles, the 守り人 series on the shelf among them', () => {
  assert.ok(t.ctx.catalog.count() >= 250, String(t.ctx.catalog.count()));
  const hits = t.ctx.catalog.search({ q: '守り人', page: 1, pageSize: 10 });
  assert.equal(hits.total, 3);
});

test('the demo is not loaded twice', async () => {
  assert.equal(await loadDemoIfEmpty(t.ctx), false);
});
