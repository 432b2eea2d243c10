import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import type { RouterLocation } from '@vaadin/router';
import type { Loan } from '../../../common/api.ts';
import { libraryDate } from '../../../common/dates.ts';
import { ACCOUNT_UPDATED_EVENT, RENEWAL_NEEDS_LOGIN_EVENT, RENEWAL_SETTLED_EVENT, type OfflineReason } from '../../../common/offline.ts';
import { ApiFailure } from '../../data/api.ts';
import { announce } from '../../app/announcer.ts';
import { libraryContext, servicesContext, type AppServices, type LibraryState } from '../../app/context.ts';
import { askApp } from '../../app/events.ts';
import { currentAppPath, href } from '../../app/navigate.ts';
import { explained, loadFailureText, showsFailure, failureText } from '../../app/page-load.ts';
import { fetchAccount, liveView, type AccountView, type Snapshot } from '../../data/account.ts';
import { formatDate, formatInstant, prepareDateFormats } from '../../i18n/labels.ts';
import { rt } from '../../i18n/ruby.ts';
import { narrowScreen } from '../../styles/narrow-screen.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { dueSummary } from './due-summary.ts';
import { dueSummaryText } from './due-summary-text.ts';
import type { PendingRenewals } from './renewal-state.ts';
import './loans-panel.ts';

export const ACCOUNT_TABS = ['loans', 'holds', 'wishlist', 'cancelled'] as const;
export type AccountTab = (typeof ACCOUNT_TABS)[number];

/** The other tabs are their own chunks: the loans view loads first and alone. */
const panelLoaders: Record<Exclude<AccountTab, 'loans'>, () => Promise<unknown>> = {
  holds: () => import('./holds-panel.ts'),
  cancelled: () => import('./cancelled-panel.ts'),
  wishlist: () => import('./wishlist-panel.ts'),
};

function tabOf(param: unknown): AccountTab {
  return (ACCOUNT_TABS as readonly unknown[]).includes(param) ? (param as AccountTab) : 'loans';
}

/**
 * 利用状況一覧 (/account, /account/loans|holds|wishlist|cancelled): card line, tabs with counts,
 * the offline banner, 印刷する, and the panel of the chosen tab. The snapshot loads through a
 * @lit/task; a reload (after a change) keeps showing the last one until the new one is there.
 * @fires shiori-pending-renewals - how many renewals wait to be sent (ログアウト warns about them)
 */
@customElement('shiori-account-page')
export class AccountPage extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .card-line { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; align-items: baseline; }
      .heading-row { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; }
      [role='tablist'] { display: flex; flex-wrap: wrap; gap: 0.25rem; border-bottom: 0.125rem solid var(--c-primary); margin: 0.75rem 0 0.5rem; }
      [role='tab'] { background: var(--c-bg); color: var(--c-primary); border-bottom: none; border-radius: var(--radius) var(--radius) 0 0; }
      [role='tab'][aria-selected='true'] { background: var(--c-primary); color: var(--c-on-primary); font-weight: 700; }
      [role='tab'][aria-selected='true']::before { content: '▶' / ''; font-size: 0.7em; }
      .due-summary { font-size: 1.1rem; font-weight: 700; margin: 0.25rem 0 0.5rem; }
      .due-summary.overdue { border-inline-start: 0.375rem solid var(--c-warn-border); background: var(--c-warn-bg); color: var(--c-warn-text); padding: 0.25rem 0.5rem; }
      .skeleton { min-height: calc(9 * var(--target)); }
      @media screen and ${narrowScreen} {
        h1 { font-size: 1.3rem; margin: 0.25rem 0; }
        .card-line { font-size: 0.8125rem; gap: 0 0.75rem; margin: 0.25rem 0; }
        .due-summary { margin: 0; }
        [role='tablist'] { margin: 0.375rem 0; }
        [role='tab'] { padding-inline: 0.4rem; font-size: 0.875rem; }
      }
      .count { display: inline-block; min-width: 1.6em; padding: 0 0.3em; border-radius: 1em; border: 0.0625rem solid currentColor; text-align: center; }
      @media print {
        [role='tablist'], .heading-row button { display: none !important; }
      }
    `,
  ];

  /** Set by Vaadin Router: `params.tab` of /account/:tab. */
  @property({ attribute: false }) location: RouterLocation | null = null;

  @consume({ context: servicesContext })
  private services!: AppServices;

  @consume({ context: libraryContext, subscribe: true })
  private library: LibraryState = { info: null, failure: null };

  @state() private view: AccountView | null = null;
  @state() private tab: AccountTab = 'loans';
  /** Renewals the SW has queued from this page: loan id → the loan's renewals when it was queued. */
  @state() private pending: PendingRenewals = new Map();
  @state() private needsLogin = false;
  @state() private panelReady: Record<AccountTab, boolean> = { loans: true, holds: false, cancelled: false, wishlist: false };
  /** The server's last late answer (lie-fi), numbered, so a load that was under way when it came can use it. */
  private lateAnswer: { seq: number; patronId: string; snapshot: Snapshot } | null = null;
  private lateAnswers = 0;

  private readonly account = new Task(this, {
    task: async (_args, { signal }) => {
      const since = this.lateAnswers;
      const answer = fetchAccount(this.services.api, signal);
      // While the request is on its way (an offline answer comes within tens of ms, and its banner
      // and today's date need a formatter at once).
      prepareDateFormats(this.library.info?.policy.timeZone);
      const view = await explained(answer);
      // The offline answer and the server's late one can cross on their way here: the live one wins.
      const late = this.lateAnswer;
      const cameMeanwhile = late !== null && late.seq > since && late.patronId === view.snapshot.patron.id;
      return view.offlineAsOf && cameMeanwhile ? liveView(late.snapshot) : view;
    },
    args: () => [] as const,
    onComplete: (view) => this.show(view),
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(RENEWAL_SETTLED_EVENT, this.onSettled);
    window.addEventListener(RENEWAL_NEEDS_LOGIN_EVENT, this.onNeedsLogin);
    window.addEventListener(ACCOUNT_UPDATED_EVENT, this.onAccountUpdated);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(RENEWAL_SETTLED_EVENT, this.onSettled);
    window.removeEventListener(RENEWAL_NEEDS_LOGIN_EVENT, this.onNeedsLogin);
    window.removeEventListener(ACCOUNT_UPDATED_EVENT, this.onAccountUpdated);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('location')) {
      this.tab = tabOf(this.location?.params['tab']);
      void this.ensurePanel(this.tab);
    }
  }

  /** Loads the snapshot again (after a change, or 再読み込み). */
  load(): Promise<void> {
    return this.account.run();
  }

  private show(view: AccountView): void {
    this.view = view;
    // A fresh live snapshot knows every queued renewal's fate: one still pending has not been renewed
    // since it was queued. An offline snapshot marks them itself.
    if (!view.offlineAsOf) {
      const renewals = new Map(view.snapshot.loans.map((l) => [l.id, l.renewals]));
      this.pending = new Map([...this.pending].filter(([id, atQueue]) => renewals.get(id) === atQueue));
    }
    this.reportPending();
  }

  /** The server answered after all (lie-fi): its snapshot replaces the offline one, and the banner goes. */
  private onAccountUpdated = (e: WindowEventMap['shiori:account-updated']): void => {
    const m = e.detail;
    if (m.type !== 'account-updated') return;
    const snapshot = m.snapshot as Snapshot;
    this.lateAnswer = { seq: ++this.lateAnswers, patronId: m.patronId, snapshot };
    if (!this.view?.offlineAsOf || this.view.snapshot.patron.id !== m.patronId) return;
    this.show(liveView(snapshot));
    announce(msg('最新の情報を表示しました', { id: 'offline.updated' }));
  };

  private reportPending(): void {
    const marked = this.view?.snapshot.loans.filter((l) => l.pendingRenewal).map((l) => l.id) ?? [];
    askApp(this, 'shiori-pending-renewals', { count: new Set([...marked, ...this.pending.keys()]).size });
  }

  private async ensurePanel(tab: AccountTab): Promise<void> {
    if (this.panelReady[tab] || tab === 'loans') return;
    await panelLoaders[tab]();
    this.panelReady = { ...this.panelReady, [tab]: true };
  }

  private selectTab(tab: AccountTab, focus = false): void {
    if (tab === this.tab) return;
    this.tab = tab;
    void this.ensurePanel(tab);
    history.pushState(null, '', href(`/account/${tab}`));
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  }

  private onTabKey(e: KeyboardEvent): void {
    const i = ACCOUNT_TABS.indexOf(this.tab);
    const n = ACCOUNT_TABS.length;
    const next = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    this.selectTab(ACCOUNT_TABS[next]!, true);
  }

  private loanOf(loanId: string): Loan | undefined {
    return this.view?.snapshot.loans.find((l) => l.id === loanId);
  }

  private onSettled = async (e: WindowEventMap['shiori:renewal-settled']): Promise<void> => {
    const m = e.detail;
    if (m.type !== 'renewal-settled') return;
    const next = new Map(this.pending);
    next.delete(m.loanId);
    this.pending = next;
    const loan = this.loanOf(m.loanId);
    const outcome = m.ok
      ? msg('延長しました', { id: 'renew.done' })
      : await failureText(new ApiFailure(409, m.code as ApiFailure['code'], m.message, null, m.params ?? {}), {
          policy: this.library.info?.policy,
          ...(loan ? { loan } : {}),
        });
    announce(`${loan?.title ?? ''}: ${outcome}`);
    void this.load();
  };

  private onNeedsLogin = (): void => {
    this.needsLogin = true;
  };

  private onLoanRenewed(e: CustomEvent<Loan>): void {
    if (!this.view) return;
    const loan = e.detail;
    const loans = this.view.snapshot.loans.map((l) => (l.id === loan.id ? loan : l));
    this.view = { ...this.view, snapshot: { ...this.view.snapshot, loans } };
  }

  private onLoanQueued(e: CustomEvent<{ loanId: string }>): void {
    const renewals = this.loanOf(e.detail.loanId)?.renewals ?? 0;
    this.pending = new Map([...this.pending, [e.detail.loanId, renewals]]);
    this.reportPending();
  }

  /** The library's date: the snapshot's; offline the device's own (in the library's zone; the snapshot's day without the policy). */
  private todayOf(v: AccountView): string {
    const zone = this.library.info?.policy.timeZone;
    return v.offlineAsOf !== null && zone ? libraryDate(this.services.now(), zone) : v.snapshot.today;
  }

  private renderPanel(v: AccountView) {
    const s = v.snapshot;
    const offline = v.offlineAsOf !== null;
    const today = this.todayOf(v);
    if (!this.panelReady[this.tab]) return html`<p>${msg('読み込み中…', { id: 'common.loading' })}</p>`;
    switch (this.tab) {
      case 'loans':
        return html`<shiori-loans-panel .loans=${s.loans} .counts=${s.counts} today=${today} ?offline=${offline} .pending=${new Set(this.pending.keys())}
          @loan-renewed=${this.onLoanRenewed} @loan-queued=${this.onLoanQueued} @account-reload=${() => this.load()}></shiori-loans-panel>`;
      case 'holds':
        return html`<shiori-holds-panel .holds=${s.holds} .counts=${s.counts} today=${today} ?offline=${offline}
          @account-reload=${() => this.load()}></shiori-holds-panel>`;
      case 'cancelled':
        return html`<shiori-cancelled-panel .cancelled=${s.cancelledHolds}></shiori-cancelled-panel>`;
      default:
        return html`<shiori-wishlist-panel .patron=${s.patron} ?offline=${offline} @account-reload=${() => this.load()}></shiori-wishlist-panel>`;
    }
  }

  private renderView(v: AccountView) {
    const s = v.snapshot;
    const asOf = v.offlineAsOf;
    const counts: Record<AccountTab, number> = {
      loans: s.loans.length,
      holds: s.holds.length,
      wishlist: s.wishlistCount ?? 0,
      cancelled: s.cancelledHolds.length,
    };
    const labels: Record<AccountTab, string> = {
      loans: msg('貸出', { id: 'tab.loans' }),
      holds: msg('予約', { id: 'tab.holds' }),
      wishlist: msg('今度読みたい資料', { id: 'tab.wishlist' }),
      cancelled: msg('予約取消', { id: 'tab.cancelled' }),
    };
    const card = s.patron.cardMasked;
    const expires = formatDate(s.patron.cardExpiresOn);
    const summary = dueSummary(s.loans, this.todayOf(v));
    return html`
      ${summary.kind === 'none'
        ? nothing
        : html`<p class="due-summary ${summary.kind}">${summary.kind === 'overdue' ? html`<span aria-hidden="true">⚠ </span>` : nothing}${rt(dueSummaryText(summary))}</p>`}
      <p class="card-line">
        <span>${msg(str`利用券番号:${card}`, { id: 'account.card' })}</span>
        <span>${msg(str`有効期限日:${expires}`, { id: 'account.expires' })}</span>
      </p>
      ${s.patron.cardExpired
        ? html`<p class="notice warn"><span aria-hidden="true">⚠</span> ${rt(msg('利用券の有効期限が切れています。延長や予約はできません。窓口で更新してください。', { id: 'account.cardExpired' }))}</p>`
        : nothing}
      ${asOf
        ? html`<p class="notice pending offline-banner"><span aria-hidden="true">⚠</span> ${msg(str`オフライン表示中（${formatInstant(asOf, this.library.info?.policy.timeZone)} 時点）`, { id: 'offline.banner' })}
            <span class="offline-reason">${rt(offlineReasonText(v.offlineReason))}</span>
            ${msg('サーバーに接続できないため、延長以外の操作はできません。', { id: 'offline.actionsDisabled' })}</p>`
        : nothing}
      ${this.needsLogin
        ? html`<p class="notice warn">${msg('送信待ちの延長を送るには、もう一度ログインしてください。', { id: 'offline.needsLogin' })}
            <a href=${href(`/login?return=${encodeURIComponent(currentAppPath())}`)}>${msg('ログイン', { id: 'header.login' })}</a></p>`
        : nothing}
      <div role="tablist" aria-label=${msg('利用状況一覧', { id: 'account.title' })} @keydown=${this.onTabKey}>
        ${ACCOUNT_TABS.map(
          (t) => html`<button type="button" role="tab" id="tab-${t}" aria-controls="panel" aria-selected=${t === this.tab ? 'true' : 'false'}
            tabindex=${t === this.tab ? '0' : '-1'} @click=${() => this.selectTab(t)}>${rt(labels[t])} <span class="count">${counts[t]}</span></button>`,
        )}
      </div>
      <section role="tabpanel" id="panel" aria-labelledby="tab-${this.tab}">${this.renderPanel(v)}</section>
    `;
  }

  override render() {
    const heading = html`<div class="heading-row">
      <h1>${rt(msg('利用状況一覧', { id: 'account.title' }))}</h1>
      <button type="button" class="secondary print no-print" @click=${() => window.print()}>${rt(msg('印刷する', { id: 'account.print' }))}</button>
    </div>`;
    // Until the snapshot is there, room for the summary, the card line, the tabs and two cards: what
    // comes in takes the place kept for it.
    const loading = html`<p class="skeleton">${msg('読み込み中…', { id: 'common.loading' })}</p>`;
    return html`${heading}${this.account.render({
      initial: () => loading,
      // A reload keeps the last snapshot on screen until the new one is there.
      pending: () => (this.view ? this.renderView(this.view) : loading),
      complete: () => (this.view ? this.renderView(this.view) : loading),
      error: (error) =>
        showsFailure(error)
          ? html`<p class="notice warn" role="alert">${loadFailureText(error)}</p>
              <button type="button" @click=${() => this.load()}>${msg('再読み込み', { id: 'common.reload' })}</button>`
          : nothing,
    })}`;
  }
}

/** The banner's second sentence: why the library cannot be reached. */
function offlineReasonText(reason: OfflineReason | null): string {
  return reason === 'no-connection'
    ? msg('インターネットに接続されていません。', { id: 'offline.reason.noConnection' })
    : msg('図書館のサーバーが応答していません。', { id: 'offline.reason.serverNotAnswering' });
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-account-page': AccountPage;
  }
}
