import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import type { Notice } from '../../../common/notifications.ts';
import { noticeText } from '../../../common/wording/notification-wording.ts';
import { libraryContext, servicesContext, type AppServices, type LibraryState } from '../../app/context.ts';
import { explained, loadFailureText, showsFailure } from '../../app/page-load.ts';
import { fetchNotices } from '../../data/notifications.ts';
import { href } from '../../app/navigate.ts';
import { currentLocale } from '../../i18n/localize.ts';
import { formatInstant } from '../../i18n/labels.ts';
import { rt } from '../../i18n/ruby.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { crumbs } from '../forms/crumbs.ts';

/**
 * お知らせ (/notices, [docs/rules.md#reminders](../../../docs/rules.md#reminders)): what the library
 * told the patron in the last 30 days, newest first, each with a link to the page it is about.
 * Offline, the service worker answers with the copy kept on the device (also what pushes brought),
 * and the page says as of when. Kids' wording is made here from each notice's parameters (the
 * server writes Japanese and English). The list loads through a @lit/task.
 */
@customElement('shiori-notices-page')
export class NoticesPage extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      ol.notices { list-style: none; padding: 0; display: grid; gap: 0.75rem; max-width: 44rem; }
      ol.notices li { border-inline-start: 0.375rem solid var(--c-primary); padding: 0.5rem 0.75rem; }
      ol.notices h2 { font-size: 1rem; margin: 0 0 0.25rem; }
      ol.notices p { margin: 0.25rem 0; }
      .when { font-size: 0.875rem; }
    `,
  ];

  @consume({ context: servicesContext })
  private services!: AppServices;

  @consume({ context: libraryContext, subscribe: true })
  private library: LibraryState = { info: null, failure: null };

  /** The kids' words, loaded with the kids' locale only. */
  @state() private kids: typeof import('../../locales/ja-kids/notifications.ts').notificationsKids | null = null;

  private readonly notices = new Task(this, {
    task: async (_args, { signal }) => explained(fetchNotices(this.services.api, signal)),
    args: () => [] as const,
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  protected override willUpdate(): void {
    if (currentLocale() === 'ja-kids' && !this.kids) void import('../../locales/ja-kids/notifications.ts').then((m) => (this.kids = m.notificationsKids));
  }

  private text(n: Notice): { title: string; body: string } {
    return currentLocale() === 'ja-kids' && this.kids ? noticeText(this.kids, n.params) : { title: n.title, body: n.body };
  }

  /** 「この30日間のお知らせはありません。」 with the library's own number of days. */
  private noneText(): string {
    const days = this.library.info?.policy.notifications.noticesKeptDays;
    return days === undefined ? msg('お知らせはありません。', { id: 'notices.noneAtAll' }) : msg(str`この${days}日間のお知らせはありません。`, { id: 'notices.none' });
  }

  private instant(instant: string): string {
    return formatInstant(instant, this.library.info?.policy.timeZone);
  }

  override render() {
    const title = msg('お知らせ', { id: 'menu.notices' });
    const loading = html`<p role="status">${rt(msg('読み込んでいます…', { id: 'title.loading' }))}</p>`;
    return html`
      ${crumbs(title)}
      <h1>${rt(title)}</h1>
      ${this.notices.render({
        initial: () => loading,
        pending: () => loading,
        error: (error) => (showsFailure(error) ? html`<p class="notice warn" role="alert">${rt(loadFailureText(error))}</p>` : nothing),
        complete: ({ notices, offlineAsOf }) => this.renderNotices(notices, offlineAsOf),
      })}
    `;
  }

  private renderNotices(notices: Notice[], offlineAsOf: string | null) {
    return html`
      ${offlineAsOf
        ? html`<p class="notice pending offline-banner"><span aria-hidden="true">⚠</span> ${msg(str`オフライン表示中（${this.instant(offlineAsOf)} 時点）`, { id: 'offline.banner' })}</p>`
        : nothing}
      ${notices.length === 0
        ? html`<p>${rt(this.noneText())}</p>`
        : html`<ol class="notices">
            ${notices.map((n) => {
              const t = this.text(n);
              return html`<li>
                <h2>${t.title}</h2>
                <p>${t.body}</p>
                <p class="when"><time datetime=${n.sentAt}>${this.instant(n.sentAt)}</time> · <a href=${href(n.url)}>${rt(msg('詳しく見る', { id: 'notices.open' }))}<span class="visually-hidden">：${t.title}</span></a></p>
              </li>`;
            })}
          </ol>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-notices-page': NoticesPage;
  }
}
