import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import type { Counts, IsoDate, Loan } from '../../../common/api.ts';
import { announce } from '../../app/announcer.ts';
import { libraryContext, servicesContext, type AppServices, type LibraryState } from '../../app/context.ts';
import type { SnapshotLoan } from '../../data/account.ts';
import { branchName, categoryName, formatDate, formatMonthDay } from '../../i18n/labels.ts';
import { rt } from '../../i18n/ruby.ts';
import { nextSort, sortRows, sortableHeader, type SortState } from '../../components/sortable.ts';
import { NarrowScreenController } from '../../styles/narrow-screen.ts';
import { cardStyles, foldStyles, foldButton } from '../../styles/phone-cards.ts';
import { sharedStyles, tableStyles } from '../../styles/shared.ts';
import { daysLeftText } from './due-summary-text.ts';
import { renewCell, type RenewCell } from './renewal-state.ts';
import type { RenewDialog } from './renew-dialog.ts';

type LoanSortKey = 'branch' | 'loanedOn' | 'dueOn';

/** Why a loan cannot be renewed, in words a patron understands. */
export function renewReasonText(cell: RenewCell): string {
  switch (cell.kind) {
    case 'not_yet': {
      const from = formatMonthDay(cell.from);
      return msg(str`延長は ${from} から`, { id: 'renew.reason.not_yet' });
    }
    case 'window_passed': return msg('延長期間を過ぎています', { id: 'renew.reason.window_passed' });
    case 'blocked':
      switch (cell.reason) {
        case 'has_holds': return msg('予約が入っているため延長できません', { id: 'renew.reason.has_holds' });
        case 'not_renewable_material': return msg('CDは延長できません', { id: 'renew.reason.cd' });
        case 'inter_library_loan': return msg('他館からの借用資料は延長できません', { id: 'renew.reason.ill' });
        default: return msg('有効期限が切れています', { id: 'renew.reason.card_expired' });
      }
    default: return '';
  }
}

declare global {
  interface HTMLElementEventMap {
    'loan-renewed': CustomEvent<Loan>;
    'loan-queued': CustomEvent<{ loanId: string }>;
    /** Load the account snapshot again (its counts changed). */
    'account-reload': CustomEvent<void>;
  }
}

/**
 * 貸出: the loan list with renewal (one or several at once), the count summary and
 * 全て今度読みたい資料に追加する.
 * @fires loan-renewed - detail: the renewed Loan
 * @fires loan-queued - detail: { loanId } (renewal stored by the SW while offline)
 * @fires account-reload - ask the page to load the snapshot again
 */
@customElement('shiori-loans-panel')
export class LoansPanel extends LitElement {
  static override styles = [
    sharedStyles,
    tableStyles,
    foldStyles,
    cardStyles,
    css`
      .renew-cell { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
      .select-box { display: inline-flex; align-items: center; gap: 0.25rem; font-weight: 400; min-height: var(--target); }
      .select-box input { width: 1.25rem; height: 1.25rem; min-height: 0; }
    `,
  ];

  @property({ attribute: false }) loans: SnapshotLoan[] = [];
  @property({ attribute: false }) counts: Counts | null = null;
  @property() today: IsoDate = '';
  /** True when the list comes from the SW's offline snapshot. */
  @property({ type: Boolean }) offline = false;
  /** Loans whose renewal the SW has queued (送信待ち). */
  @property({ attribute: false }) pending: ReadonlySet<string> = new Set();

  @consume({ context: servicesContext })
  private services!: AppServices;

  @consume({ context: libraryContext, subscribe: true })
  private library: LibraryState = { info: null, failure: null };

  @state() private sort: SortState<LoanSortKey> = { key: null, direction: 'ascending' };
  @state() private selected = new Set<string>();
  @state() private message: { kind: 'ok' | 'warn'; text: string } | null = null;
  @state() private busy = false;
  /** Phone only (below 40em): the count summary and the sort buttons, each behind its own button. */
  @state() private countsOpen = false;
  @state() private sortOpen = false;
  private readonly screen = new NarrowScreenController(this);
  @query('shiori-renew-dialog') private dialog!: RenewDialog;

  /** One key per renewal attempt, reused when the same attempt is retried. */
  private readonly attemptKeys = new Map<string, string>();

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  private cellFor(loan: SnapshotLoan): RenewCell {
    return renewCell(loan, this.today, this.offline, this.pending.has(loan.id), this.library.info?.policy.renewal.maxRenewals);
  }

  /** 【貸出延長確認】 is its own chunk, loaded by the first 延長 (off the loans page's first load). */
  private async openRenew(loans: Loan[], opener: HTMLElement): Promise<void> {
    // The actions come along with the dialog: they are needed the moment it is confirmed.
    await Promise.all([import('./renew-dialog.ts'), import('./loan-actions.ts')]);
    const firstId = loans[0]?.id;
    await this.dialog.show(loans, opener, () => this.renderRoot.querySelector<HTMLElement>(`#status-${firstId}`));
  }

  private async onRenewConfirmed(e: CustomEvent<{ loans: Loan[] }>): Promise<void> {
    this.busy = true;
    const { renewOne } = await import('./loan-actions.ts');
    const run = { api: this.services.api, policy: this.library.info?.policy, attemptKeys: this.attemptKeys, events: this };
    const results: Array<{ title: string; text: string; ok: boolean }> = [];
    for (const loan of e.detail.loans) results.push({ title: loan.title, ...(await renewOne(run, loan)) });
    this.busy = false;
    this.selected = new Set();
    const text = results.map((r) => `${r.title}: ${r.text}`).join(' / ');
    this.message = { kind: results.every((r) => r.ok) ? 'ok' : 'warn', text };
    announce(text);
    await this.keepFocus(e.detail.loans[0]?.id);
  }

  /** A renewed row loses its 延長 button: if the focus was on it, move it to the row's new status. */
  private async keepFocus(loanId: string | undefined): Promise<void> {
    await new Promise((r) => requestAnimationFrame(r));
    await this.updateComplete;
    if (loanId && !this.shadowRoot?.activeElement && document.activeElement === document.body) {
      this.renderRoot.querySelector<HTMLElement>(`#status-${loanId}`)?.focus();
    }
  }

  private async addAllToWishlist(): Promise<void> {
    const { addAllToWishlist } = await import('./loan-actions.ts');
    const outcome = await addAllToWishlist(this.services.api);
    if (!outcome) return;
    this.message = outcome;
    if (outcome.kind === 'ok') this.dispatchEvent(new CustomEvent('account-reload', { bubbles: true, composed: true }));
  }

  private toggleSelected(id: string, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
  }

  private renderRenewCell(loan: SnapshotLoan, cell: RenewCell) {
    switch (cell.kind) {
      case 'renewable':
        return html`<span class="renew-cell">
          <button type="button" class="renew" aria-describedby="title-${loan.id}" ?disabled=${this.busy}
            @click=${(e: Event) => void this.openRenew([loan], e.currentTarget as HTMLElement)}>${rt(msg('延長', { id: 'renew.button' }))}</button>
          <label class="select-box"><input type="checkbox" .checked=${this.selected.has(loan.id)}
            @change=${(e: Event) => this.toggleSelected(loan.id, (e.target as HTMLInputElement).checked)}
            aria-describedby="title-${loan.id}">${msg('選択', { id: 'renew.select' })}</label>
        </span>`;
      case 'renewed':
        return html`<span class="badge ok" id="status-${loan.id}" tabindex="-1"><span aria-hidden="true">✓</span>${rt(msg('延長済', { id: 'renew.done.badge' }))}</span>`;
      case 'pending':
        return html`<span class="badge pending" id="status-${loan.id}" tabindex="-1"><span aria-hidden="true">↻</span>${rt(msg('送信待ち', { id: 'renew.pending' }))}</span>`;
      case 'none':
        return nothing;
      default:
        return html`<span class="reason" id="status-${loan.id}" tabindex="-1">${rt(renewReasonText(cell))}</span>`;
    }
  }

  private renderCounts() {
    const c = this.counts?.loans;
    if (!c) return nothing;
    return html`<table class="counts foldable ${this.countsOpen ? 'open' : ''}" id="loan-counts">
      <thead><tr>
        <th scope="col">${rt(msg('全合計', { id: 'counts.total' }))}</th>
        <th scope="col">${rt(msg('一般・他', { id: 'counts.general' }))}</th>
        <th scope="col">CD</th>
      </tr></thead>
      <tbody><tr>
        <td data-label=${msg('全合計', { id: 'counts.total' })}>${c.total}</td>
        <td data-label=${msg('一般・他', { id: 'counts.general' })}>${c.general.count} / ${c.general.limit}</td>
        <td data-label="CD">${c.cd.count} / ${c.cd.limit}</td>
      </tr></tbody>
    </table>`;
  }

  override render() {
    const policy = this.library.info?.policy;
    const loans = sortRows(this.loans, this.sort, (l, k) => (k === 'branch' ? branchName(l.branch, policy) : l[k]));
    const onSort = (k: LoanSortKey) => (this.sort = nextSort(this.sort, k));
    const cells = new Map(this.loans.map((l) => [l.id, this.cellFor(l)]));
    const selectable = this.loans.filter((l) => cells.get(l.id)!.kind === 'renewable' && this.selected.has(l.id));
    const L = {
      no: msg('No.', { id: 'loans.col.no' }),
      renew: msg('貸出更新', { id: 'loans.col.renew' }),
      title: msg('タイトル', { id: 'loans.col.title' }),
      category: msg('区分', { id: 'loans.col.category' }),
      barcode: msg('バーコード', { id: 'loans.col.barcode' }),
      branch: msg('貸出館', { id: 'loans.col.branch' }),
      loanedOn: msg('貸出日', { id: 'loans.col.loanedOn' }),
      due: msg('返却期限日', { id: 'loans.col.due' }),
    };
    const offlineReason = msg('オフラインのため使えません', { id: 'offline.unavailable' });
    const toolbar = html`<div class="toolbar no-print">
        <button type="button" class="secondary" ?disabled=${this.offline || this.loans.length === 0} aria-describedby=${this.offline ? 'wl-reason' : nothing}
          @click=${this.addAllToWishlist}>${rt(msg('全て今度読みたい資料に追加する', { id: 'loans.addAllToWishlist' }))}</button>
        ${this.offline ? html`<span id="wl-reason" class="reason">${offlineReason}</span>` : nothing}
        <button type="button" class="renew-selected" ?disabled=${selectable.length === 0 || this.busy}
          @click=${(e: Event) => void this.openRenew(selectable, e.currentTarget as HTMLElement)}>${rt(msg('選択した資料を延長する', { id: 'renew.selected' }))}</button>
      </div>`;
    // On a phone the loans come first: the buttons that act on several of them follow the list.
    const narrow = this.screen.narrow;
    return html`
      <div class="fold-row no-print">
        ${foldButton(msg('件数', { id: 'fold.counts' }), 'loan-counts', this.countsOpen, () => (this.countsOpen = !this.countsOpen))}
        ${this.loans.length > 1 ? foldButton(msg('並べ替え', { id: 'fold.sort' }), 'loans-head', this.sortOpen, () => (this.sortOpen = !this.sortOpen)) : nothing}
      </div>
      ${this.renderCounts()}
      ${narrow ? nothing : toolbar}
      ${this.message ? html`<p class="notice ${this.message.kind}">${this.message.text}</p>` : nothing}
      ${this.loans.length === 0
        ? html`<p>${rt(msg('借りている資料はありません。', { id: 'loans.empty' }))}</p>`
        : html`<div class="table-wrap" tabindex="0" role="region" aria-label=${msg('貸出', { id: 'tab.loans' })}><table class="loans cards">
            <caption class="visually-hidden">${msg('貸出', { id: 'tab.loans' })}</caption>
            <thead id="loans-head" class="foldable ${this.sortOpen ? 'open' : ''}"><tr>
              <th scope="col">${L.no}</th>
              <th scope="col">${rt(L.renew)}</th>
              <th scope="col">${rt(L.title)}</th>
              <th scope="col">${rt(L.category)}</th>
              <th scope="col">${L.barcode}</th>
              ${sortableHeader(rt(L.branch), 'branch', this.sort, onSort)}
              ${sortableHeader(rt(L.loanedOn), 'loanedOn', this.sort, onSort)}
              ${sortableHeader(rt(L.due), 'dueOn', this.sort, onSort)}
            </tr></thead>
            <tbody>
              ${loans.map(
                (loan, i) => html`<tr class=${loan.overdue ? 'overdue' : ''} data-loan=${loan.id}>
                  <td data-label=${L.no} class="no">${i + 1}</td>
                  <td data-label=${L.renew} class="renew-col act">${this.renderRenewCell(loan, cells.get(loan.id)!)}</td>
                  <td data-label=${L.title} id="title-${loan.id}" class="title" lang="ja"><span role=${narrow ? 'heading' : nothing} aria-level=${narrow ? '2' : nothing}>${loan.title}</span></td>
                  <td data-label=${L.category} class="minor">${categoryName(loan.category)}</td>
                  <td data-label=${L.barcode} class="minor">${loan.barcode}</td>
                  <td data-label=${L.branch} class="minor">${rt(branchName(loan.branch, policy))}</td>
                  <td data-label=${L.loanedOn} class="minor">${formatDate(loan.loanedOn)}</td>
                  <td data-label=${L.due} class="due lead">${formatDate(loan.dueOn)}${this.today ? html`<span class="days-left">${rt(daysLeftText(loan.dueOn, this.today))}</span>` : nothing}
                    ${loan.overdue ? html`<span class="badge warn"><span aria-hidden="true">⚠</span>${rt(msg('延滞', { id: 'loans.overdue' }))}</span>` : nothing}</td>
                </tr>`,
              )}
            </tbody>
          </table></div>`}
      ${narrow ? toolbar : nothing}
      <shiori-renew-dialog @renew-confirmed=${this.onRenewConfirmed}></shiori-renew-dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-loans-panel': LoansPanel;
  }
}
