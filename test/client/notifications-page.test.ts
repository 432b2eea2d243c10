import { expect, html, waitUntil } from '@open-wc/testing';
import '../../client/pages/notifications/notifications-page.ts';
import '../../client/pages/notices/notices-page.ts';
import type { NotificationsPage } from '../../client/pages/notifications/notifications-page.ts';
import type { NoticesPage } from '../../client/pages/notices/notices-page.ts';
import { NOTIFICATION_EVENTS, type Notice, type NotificationSettings } from '../../common/notifications.ts';
import type { PushDevice } from '../../client/pwa/push-device.ts';
import type { LibraryInfo } from '../../common/api.ts';
import { LIBRARY } from './catalog-fixtures.ts';
import { snapshot } from './fixtures.ts';
import { afterEachRestoreFetchAndMode, apiError, applyMode, deepActiveElement, itIsAccessibleInEveryMode, json, stubApi, waitForLive, type Call, fixture } from './helpers.ts';

function settings(over: Partial<NotificationSettings> = {}): NotificationSettings {
  return {
    events: Object.fromEntries(NOTIFICATION_EVENTS.map((e) => [e, { push: true, email: false }])) as NotificationSettings['events'],
    daysBefore: 3,
    autoRenew: false,
    calendar: { url: null, hideTitles: false, createdAt: null },
    subscriptions: [{ id: 's-phone', deviceName: 'Chrome / Android', createdAt: '2026-04-20T01:00:00Z' }],
    ...over,
  };
}

/** A device stand-in: what the page asked of it. */
function fakeDevice(initial: string | null, grant = true): PushDevice & { asked: string[] } {
  let id = initial;
  const asked: string[] = [];
  return {
    asked,
    supported: () => true,
    currentId: async (_api, lang) => (asked.push(`current:${lang}`), id),
    subscribe: async (_api, lang) => {
      asked.push(`subscribe:${lang}`);
      id = grant ? 's-this' : null;
      return id;
    },
    unsubscribe: async () => {
      asked.push('unsubscribe');
      id = null;
    },
  };
}

async function render(opts: { handler?: (c: Call) => Response | undefined; device?: PushDevice; email?: string | null; initial?: NotificationSettings; library?: LibraryInfo } = {}) {
  let current = opts.initial ?? settings();
  const calls = stubApi((c) => {
    const special = opts.handler?.(c);
    if (special) return special;
    if (c.path === '/api/notifications/settings' && c.method === 'PUT') {
      const body = c.body as Partial<NotificationSettings>;
      current = { ...current, ...body, calendar: { ...current.calendar, ...(body.calendar ?? {}) } } as NotificationSettings;
      return json(200, current);
    }
    if (c.path === '/api/notifications/settings') return json(200, current);
    if (c.path === '/api/calendar-feed' && c.method === 'POST') {
      current = { ...current, calendar: { ...current.calendar, createdAt: '2026-04-27T01:00:00Z' } };
      return json(201, { url: 'http://localhost/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics' });
    }
    if (c.path === '/api/calendar-feed' && c.method === 'DELETE') {
      current = { ...current, calendar: { ...current.calendar, createdAt: null } };
      return new Response(null, { status: 204 });
    }
    if (c.path === '/api/notifications/test') return new Response(null, { status: 202 });
    return json(404, { error: { code: 'not_found', message: '' } });
  });
  const el = await fixture<NotificationsPage>(html`<shiori-notifications-page .pushDevice=${opts.device ?? fakeDevice(null)}></shiori-notifications-page>`, {
    patron: { ...snapshot().patron, email: opts.email === undefined ? 'taro@example.jp' : opts.email },
    ...(opts.library ? { library: opts.library } : {}),
  });
  await waitUntil(() => el.shadowRoot!.querySelector('form'), 'settings never appeared');
  return { el, calls, root: el.shadowRoot! };
}

const checkbox = (root: ShadowRoot, name: string) => root.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;

describe('通知設定', () => {
  afterEachRestoreFetchAndMode();
  itIsAccessibleInEveryMode(async () => (await render()).el);

  it('lists every event with a labelled push and e-mail choice, from the saved settings', async () => {
    const { root } = await render({ initial: settings({ events: { ...settings().events, overdue: { push: false, email: true } } }) });
    expect(root.querySelector('h1')!.textContent).to.equal('通知設定');
    const legends = [...root.querySelectorAll('fieldset.event legend')].map((l) => l.textContent!.trim());
    expect(legends).to.deep.equal(['返却期限日が近づいたとき', '延長できるようになったとき', '予約が入って延長できなくなったとき', '予約資料が準備できたとき', '取置期限日の前日', '予約が期限を過ぎて取り消されたとき', '返却期限日を過ぎたとき', '自動延長したとき', '自動延長できなかったとき']);
    expect(checkbox(root, 'overdue-push').checked).to.equal(false);
    expect(checkbox(root, 'overdue-email').checked).to.equal(true);
    expect(checkbox(root, 'due_soon-push').closest('label')!.textContent!.trim()).to.equal('プッシュ通知');
    expect(root.querySelector<HTMLSelectElement>('#days-before')!.value).to.equal('3');
  });

  it("offers 1 … the policy's maxDaysBefore days (a library's own 4, not a copy of 7)", async () => {
    const library = { ...LIBRARY, policy: { ...LIBRARY.policy, notifications: { ...LIBRARY.policy.notifications, maxDaysBefore: 4 } } };
    const { root } = await render({ library });
    const options = [...root.querySelector<HTMLSelectElement>('#days-before')!.options].map((o) => o.value);
    expect(options).to.deep.equal(['1', '2', '3', '4']);
  });

  it('保存する sends the events, days and 自動延長 chosen', async () => {
    const { root, calls } = await render();
    checkbox(root, 'due_soon-email').click();
    checkbox(root, 'hold_ready-push').click();
    const days = root.querySelector<HTMLSelectElement>('#days-before')!;
    days.value = '5';
    days.dispatchEvent(new Event('change'));
    root.querySelector<HTMLInputElement>('#auto-renew')!.click();
    root.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click();
    await waitForLive('通知設定を保存しました。');
    const put = calls.find((c) => c.method === 'PUT')!;
    const body = put.body as NotificationSettings;
    expect(body.events.due_soon).to.deep.equal({ push: true, email: true });
    expect(body.events.hold_ready).to.deep.equal({ push: false, email: false });
    expect([body.daysBefore, body.autoRenew]).to.deep.equal([5, true]);
    expect(deepActiveElement()?.id).to.equal('done');
  });

  it('without an e-mail address the e-mail choices are off and say why; a refusal is explained', async () => {
    const { root } = await render({ email: null, handler: (c) => (c.method === 'PUT' ? apiError(409, 'email_not_registered', 'no') : undefined) });
    expect(checkbox(root, 'due_soon-email').disabled).to.equal(true);
    expect(root.querySelector('#email-hint')!.textContent).to.include('メールアドレスを登録してください');
    root.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click();
    await waitForLive('メールアドレスが登録されていないため');
    expect(deepActiveElement()?.id).to.equal('problem');
  });

  it('turns this device’s push on in the page’s language, lists it, and turns it off again', async () => {
    const device = fakeDevice(null);
    await applyMode({ palette: 'standard', audience: 'kids', size: 'm', lang: 'ja' });
    const { root } = await render({ device });
    const toggle = root.querySelector<HTMLButtonElement>('#push-toggle')!;
    toggle.click();
    await waitUntil(() => device.asked.includes('subscribe:ja-kids'), 'never subscribed in kids’ Japanese');
    await waitUntil(() => root.querySelector('#done'));
    toggle.click();
    await waitUntil(() => device.asked.includes('unsubscribe'));
  });

  it('says so when the browser does not allow notifications', async () => {
    const { root } = await render({ device: fakeDevice(null, false) });
    root.querySelector<HTMLButtonElement>('#push-toggle')!.click();
    await waitForLive('通知が許可されませんでした');
  });

  it('removes a registered device', async () => {
    const { root, calls } = await render({ handler: (c) => (c.method === 'DELETE' && c.path.startsWith('/api/push/subscriptions/') ? new Response(null, { status: 204 }) : undefined) });
    const remove = root.querySelector<HTMLButtonElement>('ul.devices button')!;
    expect(remove.getAttribute('aria-label')).to.equal('Chrome / Android の登録を削除');
    remove.click();
    await waitForLive('端末の登録を削除しました。');
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/push/subscriptions/s-phone')).to.equal(true);
  });

  it('creates the calendar URL and shows it once with コピー; deletes it', async () => {
    const { root, el } = await render();
    root.querySelector<HTMLButtonElement>('#feed-create')!.click();
    await waitForLive('カレンダーのURLを作成しました');
    expect(root.querySelector<HTMLInputElement>('#feed-url')!.value).to.match(/\/calendar\/A{43}\.ics$/);
    expect(root.querySelector('#feed-copy')).to.exist;
    await expect(el).to.be.accessible();
    root.querySelector<HTMLButtonElement>('#feed-delete')!.click();
    await waitForLive('カレンダーのURLを削除しました。');
    expect(root.querySelector('#feed-url')).to.equal(null);
    expect(root.querySelector('#feed-delete')).to.equal(null);
  });

  it('hides titles in the calendar at once', async () => {
    const { root, calls } = await render();
    root.querySelector<HTMLInputElement>('#hide-titles')!.click();
    await waitForLive('カレンダーの表示を変更しました。');
    expect(calls.find((c) => c.method === 'PUT')!.body).to.deep.equal({ calendar: { hideTitles: true } });
  });

  it('テスト通知を送る asks the server for one', async () => {
    const { root, calls } = await render();
    root.querySelector<HTMLButtonElement>('#send-test')!.click();
    await waitForLive('テスト通知を送りました。');
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/notifications/test')).to.equal(true);
  });
});

function notice(over: Partial<Notice> = {}): Notice {
  return {
    id: 'n1', event: 'due_soon', sentAt: '2026-04-27T00:00:00Z', url: '/account/loans#l1',
    title: '返却期限日が近づいています（2026/04/30）', body: '「夢の守り人」の返却期限日は2026/04/30です（あと3日）。',
    params: { event: 'due_soon', loans: [{ id: 'l1', title: '夢の守り人' }], dueOn: '2026-04-30', days: 3 }, ...over,
  };
}

async function renderNotices(notices: Notice[], headers: Record<string, string> = {}) {
  stubApi((c) => (c.path === '/api/notices' ? json(200, { notices }, headers) : json(404, {})));
  const el = await fixture<NoticesPage>(html`<shiori-notices-page></shiori-notices-page>`);
  await waitUntil(() => el.shadowRoot!.querySelector('ol.notices, p:not([role])'), 'notices never appeared');
  return { el, root: el.shadowRoot! };
}

describe('お知らせ', () => {
  afterEachRestoreFetchAndMode();
  itIsAccessibleInEveryMode(async () => (await renderNotices([notice(), notice({ id: 'n2', event: 'test', title: 'テスト通知', body: '図書館からの通知はこのように届きます。', url: '/notifications', params: { event: 'test' } })])).el);

  it('lists the notices with their page', async () => {
    const { root } = await renderNotices([notice()]);
    expect(root.querySelector('ol.notices li h2')!.textContent).to.equal('返却期限日が近づいています（2026/04/30）');
    expect(root.querySelector('ol.notices li a')!.getAttribute('href')).to.equal('/account/loans#l1');
  });

  it('says when there is nothing', async () => {
    const { root } = await renderNotices([]);
    expect(root.textContent).to.include('この30日間のお知らせはありません。');
  });

  it("says so with the library's own number of days kept", async () => {
    stubApi((c) => (c.path === '/api/notices' ? json(200, { notices: [] }) : json(404, {})));
    const library = { ...LIBRARY, policy: { ...LIBRARY.policy, notifications: { ...LIBRARY.policy.notifications, noticesKeptDays: 14 } } };
    const el = await fixture<NoticesPage>(html`<shiori-notices-page></shiori-notices-page>`, { library });
    await waitUntil(() => el.shadowRoot!.textContent!.includes('この14日間のお知らせはありません。'), 'not the configured 14 days');
  });

  it('offline: the device’s copy, with the time it is from', async () => {
    const { root } = await renderNotices([notice()], { 'X-Shiori-Offline': '2026-04-27T01:00:00.000Z' });
    expect(root.querySelector('.offline-banner')!.textContent).to.include('オフライン表示中');
  });

  it('in kids’ mode, worded for kids from the parameters', async () => {
    await applyMode({ palette: 'standard', audience: 'kids', size: 'm', lang: 'ja' });
    const { root, el } = await renderNotices([notice()]);
    await waitUntil(() => root.querySelector('li h2')!.textContent!.includes('かえす ひが ちかいよ'), 'kids’ wording never came');
    await el.updateComplete;
    expect(root.querySelector('li p')!.textContent).to.include('4がつ30にちまでに かえしてね');
  });
});
