import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import type { Notice } from '../../../common/notifications.ts';
import { noticeText } from '../../../common/wording/notification-wording.ts';
import { ApiFailure } from '../../data/api.ts';
import { fetchNotices } from '../../data/notifications.ts';
import { href } from '../../app/navigate.ts';
import { currentLocale } from '../../i18n/localize.ts';
import { errorText, formatInstant } from '../../i18n/labels.ts';
import { rt } from '../../i18n/ruby.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { crumbs } from '../forms/crumbs.ts';

/**
 * お知らせ (/notices, SPEC §11): what the library told the patron in the last 30 days, newest first,
 * each with a link to the page it is about. Offline, the service worker answers with the copy kept
 * on the device (also what pushes brought), and the page says as of when. Kids' wording is made
 * here from each notice's parameters (the server writes Japanese and English).
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

  @state() private notices: Notice[] | null = null;
  @state() private offlineAsOf: string | null = null;
  @state() private problem = '';
  /** The kids' words, loaded with the kids' locale only. */
  @state() private kids: typeof import('../../locales/ja-kids/notifications.ts').notificationsKids | null = null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const { notices, offlineAsOf } = await fetchNotices();
      this.notices = notices;
      this.offlineAsOf = offlineAsOf;
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 401) return;
      this.problem = e instanceof ApiFailure ? errorText(e) : String(e);
    }
  }

  protected override willUpdate(): void {
    if (currentLocale() === 'ja-kids' && !this.kids) void import('../../locales/ja-kids/notifications.ts').then((m) => (this.kids = m.notificationsKids));
  }

  private text(n: Notice): { title: string; body: string } {
    return currentLocale() === 'ja-kids' && this.kids ? noticeText(this.kids, n.params) : { title: n.title, body: n.body };
  }

  override render() {
    const title = msg('お知らせ', { id: 'menu.notices' });
    return html`
      ${crumbs(title)}
      <h1>${rt(title)}</h1>
      ${this.offlineAsOf
        ? html`<p class="notice pending offline-banner"><span aria-hidden="true">⚠</span> ${msg(str`オフライン表示中（${formatInstant(this.offlineAsOf)} 時点）`, { id: 'offline.banner' })}</p>`
        : nothing}
      ${this.problem ? html`<p class="notice warn" role="alert">${rt(this.problem)}</p>` : nothing}
      ${this.notices === null
        ? this.problem ? nothing : html`<p role="status">${rt(msg('読み込んでいます…', { id: 'title.loading' }))}</p>`
        : this.notices.length === 0
          ? html`<p>${rt(msg('この30日間のお知らせはありません。', { id: 'notices.none' }))}</p>`
          : html`<ol class="notices">
              ${this.notices.map((n) => {
                const t = this.text(n);
                return html`<li>
                  <h2>${t.title}</h2>
                  <p>${t.body}</p>
                  <p class="when"><time datetime=${n.sentAt}>${formatInstant(n.sentAt)}</time> · <a href=${href(n.url)}>${rt(msg('詳しく見る', { id: 'notices.open' }))}<span class="visually-hidden">：${t.title}</span></a></p>
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
