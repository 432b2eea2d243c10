import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import type { PatronSummary } from '../../../common/api.ts';
import {
  NOTIFICATION_EVENTS,
  type NotificationChannel,
  type NotificationEvent,
  type NotificationLanguage,
  type NotificationSettings,
  type NotificationSettingsUpdate,
} from '../../../common/notifications.ts';
import { announce } from '../../app/announcer.ts';
import { displayContext, libraryContext, servicesContext, sessionContext, type AppServices, type LibraryState } from '../../app/context.ts';
import { DEFAULT_OPTIONS, type DisplayOptions } from '../../app/display-options.ts';
import { explained, loadFailureText, showsFailure, failureText } from '../../app/page-load.ts';
import { ApiFailure } from '../../data/api.ts';
import { createCalendarFeed, deleteCalendarFeed, deletePushSubscription, fetchNotificationSettings, saveNotificationSettings, sendTestNotification } from '../../data/notifications.ts';
import { formatInstant } from '../../i18n/labels.ts';
import { plain, rt } from '../../i18n/ruby.ts';
import { browserPushDevice, thisDeviceName, type PushDevice } from '../../pwa/push-device.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { crumbs } from '../forms/crumbs.ts';
import { formStyles } from '../forms/form-styles.ts';
import { eventLabel } from './event-labels.ts';

/**
 * 通知設定 (/notifications, [docs/rules.md#reminders](../../../docs/rules.md#reminders)): which events
 * reach the patron by push and by e-mail, how many days before the due date (1 … the policy's
 * `notifications.maxDaysBefore`), 自動延長, this device's push on or off and the devices registered,
 * the calendar feed (its secret URL is shown once, when made), and a test notification. Not on a
 * kiosk (no route, no menu entry). The settings load through a @lit/task; the page then edits its
 * own draft of them.
 */
@customElement('shiori-notifications-page')
export class NotificationsPage extends LitElement {
  static override styles = [
    sharedStyles,
    formStyles,
    css`
      section { margin-block: 1.5rem; max-width: 40rem; }
      fieldset { border: 0.0625rem solid var(--c-border, #888); border-radius: var(--radius, 0.25rem); padding: 0.5rem 0.75rem; }
      fieldset.event { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; }
      fieldset.event legend { font-weight: 700; }
      label.check { display: inline-flex; gap: 0.5rem; align-items: center; min-height: 2.75rem; }
      .hint { font-size: 0.875rem; margin: 0.25rem 0; }
      ul.devices { list-style: none; padding: 0; display: grid; gap: 0.5rem; }
      ul.devices li { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
      .feed-url { display: flex; flex-wrap: wrap; gap: 0.5rem; }
      .feed-url input { flex: 1 1 16rem; min-width: 0; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    `,
  ];

  /** This device's push (a test hands in a stand-in: a test browser has no push service). */
  @property({ attribute: false }) pushDevice: PushDevice = browserPushDevice;

  @consume({ context: servicesContext })
  private services!: AppServices;

  @consume({ context: sessionContext, subscribe: true })
  private patron: PatronSummary | null = null;

  @consume({ context: displayContext, subscribe: true })
  private display: DisplayOptions = DEFAULT_OPTIONS;

  @consume({ context: libraryContext, subscribe: true })
  private library: LibraryState = { info: null, failure: null };

  @state() private settings: NotificationSettings | null = null;
  /** The changes not saved yet. */
  @state() private draft: NotificationSettings | null = null;
  @state() private deviceId: string | null = null;
  @state() private feedUrl: string | null = null;
  @state() private done = '';
  @state() private problem = '';
  @state() private busy = false;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** The settings and this device's push subscription, as the server and the browser have them. */
  private readonly start = new Task(this, {
    task: async (_args, { signal }) => {
      const settings = await explained(fetchNotificationSettings(this.services.api, signal));
      const deviceId = this.pushDevice.supported() ? await this.pushDevice.currentId(this.services.api, this.deviceLang, thisDeviceName()).catch(() => null) : null;
      return { settings, deviceId };
    },
    args: () => [] as const,
    onComplete: ({ settings, deviceId }) => {
      this.settings = settings;
      this.draft = structuredClone(settings);
      this.deviceId = deviceId;
    },
  });

  private get deviceLang(): NotificationLanguage {
    const o = this.display;
    return o.lang === 'en' ? 'en' : o.audience === 'kids' ? 'ja-kids' : 'ja';
  }

  /** 1 … the policy's maxDaysBefore (and the patron's own choice, should the library have lowered it). */
  private daysBeforeChoices(chosen: number): number[] {
    const max = Math.max(this.library.info?.policy.notifications.maxDaysBefore ?? chosen, chosen);
    return Array.from({ length: max }, (_, i) => i + 1);
  }

  /** Shows and announces a failure (a 401 is already on its way to the login page). */
  private async fail(e: unknown): Promise<void> {
    if (e instanceof ApiFailure && e.status === 401) return;
    this.done = '';
    this.problem =
      e instanceof ApiFailure && e.code === 'email_not_registered'
        ? msg('メールアドレスが登録されていないため、メールでは受け取れません。「メール登録・変更」で登録してください。', { id: 'notifications.refused.email_not_registered' })
        : await failureText(e);
    announce(plain(this.problem));
    void this.focusNotice('#problem');
  }

  private succeed(text: string): void {
    this.problem = '';
    this.done = text;
    announce(plain(text));
    void this.focusNotice('#done');
  }

  private async focusNotice(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Runs one change with the page busy; `then` says what happened. */
  private async run(change: () => Promise<string | null>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const said = await change();
      if (said) this.succeed(said);
    } catch (e) {
      await this.fail(e);
    } finally {
      this.busy = false;
    }
  }

  /** Changes the draft as it is now (several changes can come before the next render). */
  private change(part: Partial<NotificationSettings>): void {
    if (this.draft) this.draft = { ...this.draft, ...part };
  }

  private setChannel(event: NotificationEvent, channel: NotificationChannel, on: boolean): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, events: { ...this.draft.events, [event]: { ...this.draft.events[event], [channel]: on } } };
  }

  private save(e: Event): void {
    e.preventDefault();
    const draft = this.draft;
    if (!draft) return;
    const update: NotificationSettingsUpdate = { events: draft.events, daysBefore: draft.daysBefore, autoRenew: draft.autoRenew };
    void this.run(async () => {
      this.settings = await saveNotificationSettings(this.services.api, update);
      this.draft = structuredClone(this.settings);
      return msg('通知設定を保存しました。', { id: 'notifications.saved' });
    });
  }

  private togglePush(): void {
    void this.run(async () => {
      if (this.deviceId) {
        await this.pushDevice.unsubscribe(this.services.api, this.deviceLang, thisDeviceName());
        this.deviceId = null;
        await this.reloadDevices();
        return msg('この端末への通知を止めました。', { id: 'notifications.push.off' });
      }
      const id = await this.pushDevice.subscribe(this.services.api, this.deviceLang, thisDeviceName());
      if (!id) {
        this.problem = msg('通知が許可されませんでした。ブラウザの設定でこのサイトの通知を許可してください。', { id: 'notifications.push.denied' });
        announce(plain(this.problem));
        void this.focusNotice('#problem');
        return null;
      }
      this.deviceId = id;
      await this.reloadDevices();
      return msg('この端末で通知を受け取ります。', { id: 'notifications.push.on' });
    });
  }

  private async reloadDevices(): Promise<void> {
    const fresh = await fetchNotificationSettings(this.services.api);
    this.settings = { ...fresh };
    if (this.draft) this.draft = { ...this.draft, subscriptions: fresh.subscriptions, calendar: fresh.calendar };
  }

  private removeDevice(id: string): void {
    void this.run(async () => {
      if (id === this.deviceId) {
        await this.pushDevice.unsubscribe(this.services.api, this.deviceLang, thisDeviceName());
        this.deviceId = null;
      } else {
        await deletePushSubscription(this.services.api, id);
      }
      await this.reloadDevices();
      return msg('端末の登録を削除しました。', { id: 'notifications.device.removed' });
    });
  }

  private makeFeed(): void {
    void this.run(async () => {
      this.feedUrl = await createCalendarFeed(this.services.api);
      await this.reloadDevices();
      return msg('カレンダーのURLを作成しました。このURLは今だけ表示されます。', { id: 'notifications.feed.created' });
    });
  }

  private removeFeed(): void {
    void this.run(async () => {
      await deleteCalendarFeed(this.services.api);
      this.feedUrl = null;
      await this.reloadDevices();
      return msg('カレンダーのURLを削除しました。', { id: 'notifications.feed.removed' });
    });
  }

  private copyFeed(): void {
    const url = this.feedUrl;
    if (!url) return;
    void this.run(async () => {
      await navigator.clipboard.writeText(url);
      return msg('URLをコピーしました。', { id: 'notifications.feed.copied' });
    });
  }

  private setHideTitles(hide: boolean): void {
    void this.run(async () => {
      this.settings = await saveNotificationSettings(this.services.api, { calendar: { hideTitles: hide } });
      if (this.draft) this.draft = { ...this.draft, calendar: this.settings.calendar };
      return msg('カレンダーの表示を変更しました。', { id: 'notifications.feed.hideTitlesSaved' });
    });
  }

  private test(): void {
    void this.run(async () => {
      await sendTestNotification(this.services.api);
      return msg('テスト通知を送りました。', { id: 'notifications.test.sent' });
    });
  }

  private renderEvents(draft: NotificationSettings) {
    const hasEmail = Boolean(this.patron?.email);
    const push = msg('プッシュ通知', { id: 'notifications.channel.push' });
    const email = msg('メール', { id: 'contact.email' });
    return html`<form @submit=${this.save} aria-labelledby="events-heading">
      <h2 id="events-heading">${rt(msg('お知らせする内容と方法', { id: 'notifications.events.heading' }))}</h2>
      ${hasEmail ? nothing : html`<p class="hint" id="email-hint">${rt(msg('メールで受け取るには「メール登録・変更」でメールアドレスを登録してください。', { id: 'notifications.email.hint' }))}</p>`}
      ${NOTIFICATION_EVENTS.map(
        (event) => html`<fieldset class="event">
          <legend>${rt(eventLabel(event))}</legend>
          <label class="check"><input type="checkbox" name=${`${event}-push`} .checked=${draft.events[event].push}
            @change=${(e: Event) => this.setChannel(event, 'push', (e.target as HTMLInputElement).checked)} />${rt(push)}</label>
          <label class="check"><input type="checkbox" name=${`${event}-email`} .checked=${draft.events[event].email} ?disabled=${!hasEmail && !draft.events[event].email}
            aria-describedby=${hasEmail ? nothing : 'email-hint'}
            @change=${(e: Event) => this.setChannel(event, 'email', (e.target as HTMLInputElement).checked)} />${rt(email)}</label>
          ${event === 'hold_ready'
            ? html`<p class="hint">${rt(msg('連絡方法が「メール」の予約は、この設定にかかわらずメールでお知らせします。「電話」「不要」の予約は通知しません。', { id: 'notifications.holdReady.hint' }))}</p>`
            : nothing}
        </fieldset>`,
      )}
      <div class="field">
        <label for="days-before">${rt(msg('返却期限日の何日前にお知らせするか', { id: 'notifications.daysBefore' }))}</label>
        <select id="days-before" @change=${(e: Event) => this.change({ daysBefore: Number((e.target as HTMLSelectElement).value) })}>
          ${this.daysBeforeChoices(draft.daysBefore).map((n) => html`<option value=${n} ?selected=${n === draft.daysBefore}>${msg(str`${n}日前`, { id: 'notifications.daysBefore.option' })}</option>`)}
        </select>
      </div>
      <label class="check"><input type="checkbox" id="auto-renew" .checked=${draft.autoRenew} aria-describedby="auto-renew-hint"
        @change=${(e: Event) => this.change({ autoRenew: (e.target as HTMLInputElement).checked })} />${rt(msg('自動延長する', { id: 'notifications.autoRenew' }))}</label>
      <p class="hint" id="auto-renew-hint">${rt(msg('延長できる最初の日に、延長できる資料を自動で延長します（予約が入っている資料などは延長できません）。', { id: 'notifications.autoRenew.hint' }))}</p>
      <div><button type="submit" ?disabled=${this.busy}>${rt(msg('保存する', { id: 'notifications.save' }))}</button></div>
    </form>`;
  }

  private renderDevice(settings: NotificationSettings) {
    const supported = this.pushDevice.supported();
    return html`<section aria-labelledby="device-heading">
      <h2 id="device-heading">${rt(msg('この端末への通知', { id: 'notifications.device.heading' }))}</h2>
      ${supported
        ? html`<p>${rt(this.deviceId ? msg('この端末で通知を受け取っています。', { id: 'notifications.device.on' }) : msg('この端末では通知を受け取っていません。', { id: 'notifications.device.off' }))}</p>
            <button type="button" id="push-toggle" ?disabled=${this.busy} @click=${this.togglePush}>
              ${rt(this.deviceId ? msg('この端末の通知をやめる', { id: 'notifications.device.stop' }) : msg('この端末で通知を受け取る', { id: 'notifications.device.start' }))}
            </button>`
        : html`<p>${rt(msg('このブラウザは通知に対応していません。メールやカレンダーをお使いください。', { id: 'notifications.device.unsupported' }))}</p>`}
      <h3>${rt(msg('通知を受け取る端末', { id: 'notifications.devices.heading' }))}</h3>
      ${settings.subscriptions.length === 0
        ? html`<p>${rt(msg('登録されている端末はありません。', { id: 'notifications.devices.none' }))}</p>`
        : html`<ul class="devices">
            ${settings.subscriptions.map(
              (s) => html`<li>
                <span>${s.deviceName ?? msg('名前のない端末', { id: 'notifications.devices.unnamed' })}${s.id === this.deviceId ? html` (${rt(msg('この端末', { id: 'notifications.devices.this' }))})` : nothing}
                  — ${rt(msg(str`${this.instant(s.createdAt)} 登録`, { id: 'notifications.devices.since' }))}</span>
                <button type="button" class="secondary" ?disabled=${this.busy} aria-label=${plain(msg(str`${s.deviceName ?? ''} の登録を削除`, { id: 'notifications.devices.removeLabel' }))}
                  @click=${() => this.removeDevice(s.id)}>${rt(msg('削除', { id: 'notifications.devices.remove' }))}</button>
              </li>`,
            )}
          </ul>`}
    </section>`;
  }

  private renderCalendar(settings: NotificationSettings) {
    const exists = settings.calendar.createdAt !== null;
    return html`<section aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">${rt(msg('カレンダーに登録', { id: 'notifications.feed.heading' }))}</h2>
      <p>${rt(msg('返却期限日・取置期限日・予約待ち期限日と休館日を、スマートフォンのカレンダーに表示できます。URLは他の人に教えないでください。', { id: 'notifications.feed.intro' }))}</p>
      ${this.feedUrl
        ? html`<div class="feed-url">
            <label class="visually-hidden" for="feed-url">${rt(msg('カレンダーのURL', { id: 'notifications.feed.url' }))}</label>
            <input id="feed-url" type="text" readonly .value=${this.feedUrl} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
            <button type="button" id="feed-copy" @click=${this.copyFeed}>${rt(msg('コピー', { id: 'notifications.feed.copy' }))}</button>
          </div>`
        : exists
          ? html`<p>${rt(msg(str`URLは作成済みです（${this.instant(settings.calendar.createdAt!)}）。URLを忘れたときは新しく作成してください。`, { id: 'notifications.feed.exists' }))}</p>`
          : nothing}
      <div class="actions">
        <button type="button" id="feed-create" ?disabled=${this.busy} @click=${this.makeFeed}>
          ${rt(exists ? msg('新しいURLを作成（前のURLは使えなくなります）', { id: 'notifications.feed.recreate' }) : msg('URLを作成', { id: 'notifications.feed.create' }))}
        </button>
        ${exists ? html`<button type="button" class="secondary" id="feed-delete" ?disabled=${this.busy} @click=${this.removeFeed}>${rt(msg('URLを削除', { id: 'notifications.feed.delete' }))}</button>` : nothing}
      </div>
      <label class="check"><input type="checkbox" id="hide-titles" .checked=${settings.calendar.hideTitles} ?disabled=${this.busy}
        @change=${(e: Event) => this.setHideTitles((e.target as HTMLInputElement).checked)} />${rt(msg('カレンダーに資料のタイトルを表示しない（「図書館の本 2冊」と表示）', { id: 'notifications.feed.hideTitles' }))}</label>
    </section>`;
  }

  private instant(instant: string): string {
    return formatInstant(instant, this.library.info?.policy.timeZone);
  }

  override render() {
    const title = msg('通知設定', { id: 'menu.notifications' });
    const loading = html`<p role="status">${rt(msg('読み込んでいます…', { id: 'title.loading' }))}</p>`;
    const settings = this.settings;
    const draft = this.draft;
    return html`
      ${crumbs(title)}
      <h1>${rt(title)}</h1>
      <p>${rt(msg('返却期限日や予約の準備ができたことを、プッシュ通知・メール・カレンダーでお知らせします。', { id: 'notifications.intro' }))}</p>
      ${this.done ? html`<p id="done" class="notice ok" tabindex="-1">${rt(this.done)}</p>` : nothing}
      ${this.problem ? html`<p id="problem" class="notice warn" tabindex="-1">${rt(this.problem)}</p>` : nothing}
      ${settings && draft
        ? html`${this.renderDevice(settings)} <section>${this.renderEvents(draft)}</section> ${this.renderCalendar(settings)}
            <section aria-labelledby="test-heading">
              <h2 id="test-heading">${rt(msg('テスト通知', { id: 'notifications.test.heading' }))}</h2>
              <p>${rt(msg('受け取る設定にしている方法（プッシュ通知・メール）で、テストのお知らせを送ります。', { id: 'notifications.test.intro' }))}</p>
              <button type="button" id="send-test" ?disabled=${this.busy} @click=${this.test}>${rt(msg('テスト通知を送る', { id: 'notifications.test.send' }))}</button>
            </section>`
        : this.start.render({
            initial: () => loading,
            pending: () => loading,
            error: (error) => (showsFailure(error) ? html`<p id="problem" class="notice warn" role="alert">${rt(loadFailureText(error))}</p>` : nothing),
          })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-notifications-page': NotificationsPage;
  }
}
