/**
 * The calendar feed ([docs/rules.md#reminders](../../docs/rules.md#reminders)), read by an independent parser (ical.js) as a calendar app would:
 * all-day events for 返却期限日, 取置期限日 and 予約待ち期限日 with alarms N days before at 9:00, stable
 * UIDs (a renewal moves the event), hidden titles, the patron's branches' closed days; a new URL
 * revokes the old one, and a revoked, unknown or malformed token is 404.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { startTestApp, type PatronClient, type TestApp } from './helpers.ts';
import { call } from './json-call.ts';

interface FeedEvent {
  uid: string;
  summary: string;
  start: string;
  allDay: boolean;
  end: string;
  /** Each alarm's trigger as a duration relative to the start, e.g. -P2DT15H. */
  alarms: string[];
  location: string | null;
}

function parseFeed(text: string): FeedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const start = v.getFirstPropertyValue('dtstart') as ICAL.Time;
    const end = v.getFirstPropertyValue('dtend') as ICAL.Time;
    return {
      uid: String(v.getFirstPropertyValue('uid')),
      summary: String(v.getFirstPropertyValue('summary')),
      start: start.toString(),
      allDay: start.isDate,
      end: end.toString(),
      alarms: v.getAllSubcomponents('valarm').map((a) => String(a.getFirstPropertyValue('trigger'))),
      location: (v.getFirstPropertyValue('location') as string | null) ?? null,
    };
  });
}

describe('the calendar feed', () => {
  let t: TestApp;
  let patron: PatronClient;
  let feedPath: string;
  const ids: Record<string, string> = {};

  const feed = async (path = feedPath) => {
    const res = await t.fetch(path);
    assert.equal(res.status, 200, await res.clone().text());
    assert.match(res.headers.get('content-type') ?? '', /^text\/calendar/);
    return parseFeed(await res.text());
  };

  before(async () => {
    // 2026-04-27 (Monday) 10:00 in Tokyo.
    t = await startTestApp();
    await t.addPatron({ cardNumber: '4400000001', password: 'feed1234' });
    await t.addPatron({ cardNumber: '4400000002', password: 'feed5678' });
    const loan = async (name: string, title: string, dueOn: string) => {
      const { barcodes } = await t.addTitle({ title, copies: [{ barcode: `F${name}`, branch: 'higashi' }] });
      ids[name] = (await t.checkout({ cardNumber: '4400000001', barcode: barcodes[0]!, loanedOn: '2026-04-10', dueOn })).loanId;
    };
    await loan('a', '夢の守り人', '2026-05-01');
    await loan('b', '哲学のことば', '2026-05-01');
    patron = await t.login('4400000001', 'feed1234');
    // A hold that becomes ready (取置期限日) and one that waits with a 予約待ち期限日.
    const ready = await t.addTitle({ title: '地底旅行' });
    const waiting = await t.addTitle({ title: 'さいごの戦い' });
    // さいごの戦い is on loan to someone else, so the hold on it waits.
    await t.checkout({ cardNumber: '4400000002', barcode: waiting.barcodes[0]!, dueOn: '2026-05-18' });
    ids['ready'] = (await call(patron, 'POST', '/api/holds', { bibId: ready.bibId, pickupBranch: 'central' })).body.hold.id;
    await t.staff(`/api/staff/holds/${ids['ready']}/set-aside`, {});
    ids['waiting'] = (await call(patron, 'POST', '/api/holds', { bibId: waiting.bibId, pickupBranch: 'central', notNeededAfter: '2026-06-30' })).body.hold.id;
    const created = await call(patron, 'POST', '/api/calendar-feed');
    assert.equal(created.status, 201);
    assert.match(created.body.url, /^http:\/\/localhost\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    feedPath = new URL(created.body.url).pathname;
  });
  after(() => t.close());

  it('has all-day events with stable UIDs, and alarms N days before at 9:00', async () => {
    const events = await feed();
    const a = events.find((e) => e.uid === `loan-${ids['a']}@localhost`)!;
    assert.deepEqual([a.summary, a.start, a.end, a.allDay, a.location], ['返却期限日：夢の守り人', '2026-05-01', '2026-05-02', true, '東分館']);
    // 3 days before (the default) at 9:00: 2026-04-28 09:00 = the day's start minus 2 days 15 hours.
    assert.deepEqual(a.alarms, ['-P2DT15H']);
    const ready = events.find((e) => e.uid === `hold-${ids['ready']}@localhost`)!;
    // Ready on 4/27 + 7 days = Monday 5/4, when 本館 is closed: the 取置期限日 moves to Tuesday 5/5 ([docs/rules.md#opening-days](../../docs/rules.md#opening-days)).
    assert.deepEqual([ready.summary, ready.start, ready.location], ['取置期限日：地底旅行', '2026-05-05', '本館']);
    const waiting = events.find((e) => e.uid === `hold-${ids['waiting']}@localhost`)!;
    assert.deepEqual([waiting.summary, waiting.start], ['予約待ち期限日：さいごの戦い', '2026-06-30']);
  });

  it('lists the patron’s branches’ closed days (Mondays here), and no others', async () => {
    const closed = (await feed()).filter((e) => e.uid.startsWith('closed-'));
    assert.ok(closed.length >= 8, `${closed.length} closed days in 60 days`);
    const may4 = closed.find((e) => e.start === '2026-05-04')!;
    assert.equal(may4.summary, '休館日：本館・東分館', 'the branches of the loans and holds, and the default pickup branch');
    assert.deepEqual(may4.alarms, []);
    assert.equal(closed.some((e) => e.start === '2026-05-05'), false, 'a Tuesday is open');
  });

  it('follows the chosen days before', async () => {
    assert.equal((await call(patron, 'PUT', '/api/notifications/settings', { daysBefore: 1 })).status, 200);
    const a = (await feed()).find((e) => e.uid === `loan-${ids['a']}@localhost`)!;
    assert.deepEqual(a.alarms, ['-PT15H']);
  });

  it('a renewal moves the event: same UID, new date', async () => {
    assert.equal((await patron.fetch(`/api/loans/${ids['a']}/renew`, { method: 'POST' })).status, 200);
    const events = await feed();
    const a = events.filter((e) => e.uid === `loan-${ids['a']}@localhost`);
    assert.equal(a.length, 1);
    assert.equal(a[0]!.start, '2026-05-08');
  });

  it('hides titles when asked: 「図書館の本 2冊」, one event per kind and day', async () => {
    assert.equal((await call(patron, 'PUT', '/api/notifications/settings', { calendar: { hideTitles: true } })).status, 200);
    // Renew b too, so both loans fall due on one day (2026-05-08).
    assert.equal((await patron.fetch(`/api/loans/${ids['b']}/renew`, { method: 'POST' })).status, 200);
    const res = await t.fetch(feedPath);
    const text = await res.text();
    for (const title of ['夢の守り人', '哲学のことば', '地底旅行', 'さいごの戦い']) assert.equal(text.includes(title), false, `${title} is hidden`);
    const dues = parseFeed(text).filter((e) => e.summary.startsWith('返却期限日'));
    assert.deepEqual(
      dues.map((e) => [e.summary, e.start, e.alarms]),
      [['返却期限日：図書館の本 2冊', '2026-05-08', ['-PT15H']]],
    );
    assert.equal((await call(patron, 'PUT', '/api/notifications/settings', { calendar: { hideTitles: false } })).status, 200);
  });

  it('a new URL revokes the old one; deleting revokes it too; unknown and malformed tokens are 404', async () => {
    const settings = await patron.json('/api/notifications/settings');
    assert.equal(settings.calendar.url, null, 'the URL is shown once, when created');
    assert.ok(settings.calendar.createdAt);
    const created = await call(patron, 'POST', '/api/calendar-feed');
    const fresh = new URL(created.body.url).pathname;
    assert.notEqual(fresh, feedPath);
    const old = await t.fetch(feedPath);
    assert.equal(old.status, 404);
    assert.equal(((await old.json()) as { error: { code: string } }).error.code, 'not_found');
    await feed(fresh);
    assert.equal((await call(patron, 'DELETE', '/api/calendar-feed')).status, 204);
    assert.equal((await t.fetch(fresh)).status, 404);
    assert.equal((await patron.json('/api/notifications/settings')).calendar.createdAt, null);
    for (const path of [`/calendar/${'A'.repeat(43)}.ics`, '/calendar/short.ics', `/calendar/${fresh.slice(10, -4)}`, '/calendar/..%2F..%2Fetc.ics']) {
      const res = await t.fetch(path);
      assert.equal(res.status, 404, path);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'not_found', path);
    }
  });

  it('the store keeps no token, only its hash', async () => {
    const created = await call(patron, 'POST', '/api/calendar-feed');
    const token = new URL(created.body.url).pathname.slice('/calendar/'.length, -'.ics'.length);
    for (const key of await t.ctx.store.keys('')) {
      assert.equal(key.includes(token), false, key);
      assert.equal(JSON.stringify(await t.ctx.store.get(key)).includes(token), false, key);
    }
  });
});
