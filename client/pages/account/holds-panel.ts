import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { Counts, Hold, IsoDate } from '../../../common/api.ts';
import { attempt } from '../../app/attempt.ts';
import { libraryContext, servicesContext, type AppServices, type LibraryState } from '../../app/context.ts';
import { cancelHold, changeHold, pauseHold } from '../../data/holds.ts';
import { branchName, contactName, formatDate, holdStatusName } from '../../i18n/labels.ts';
import { rt } from '../../i18n/ruby.ts';
import { nextSort, sortRows, sortableHeader, type SortState } from '../../components/sortable.ts';
import { NarrowScreenController, narrowScreen } from '../../styles/narrow-screen.ts';
import { cardStyles, foldButton, foldStyles } from '../../styles/phone-cards.ts';
import { sharedStyles, tableStyles } from '../../styles/shared.ts';
import './cancel-hold-dialog.ts';
import './change-hold-dialog.ts';
import './series-dialog.ts';
import './pause-hold-dialog.ts';
import { pausedLine, queueLine } from './hold-queue.ts';
import type { CancelHoldDialog } from './cancel-hold-dialog.ts';
import type { ChangeHoldDialog } from './change-hold-dialog.ts';
import type { SeriesDialog } from './series-dialog.ts';
import type { PauseHoldDialog } from './pause-hold-dialog.ts';

type HoldSortKey = 'status' | 'placedOn' | 'notNeededAfter' | 'pickupBranch';
const STATUS_ORDER = { ready: 0, in_transit: 1, waiting: 2 } as const;

/**
 * 予約: hold list, cancel (予約取消可能 → 【予約取消確認】), change (変更 → 【予約変更確認】),
 * 一時停止 / 再開 (【一時停止】 with the day it resumes), the queue line 「12人中3番目（所蔵2冊）・目安 約2〜4週間」,
 * シリーズ予約組替・解除.
 * @fires account-reload - ask the page to load the snapshot again
 */
@customElement('shiori-holds-panel')
export class HoldsPanel extends LitElement {
  static override styles = [
    sharedStyles,
    tableStyles,
    foldStyles,
    cardStyles,
    css`
      .status-text { display: inline-flex; gap: 0.25rem; font-weight: 700; }
      .series-note { flex: 1 1 20rem; }
      .queue, .paused { display: block; font-weight: 400; font-size: 0.9em; margin-top: 0.25rem; }
      .paused { font-weight: 700; }
      .hold-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
      @media screen and ${narrowScreen} {
        table.cards td.actions { grid-column: 1 / -1; }
        table.cards td.actions:has(.hold-actions)::before { display: none; }
      }
    `,
  ];

  @property({ attribute: false }) holds: Hold[] = [];
  @property({ attribute: false }) counts: Counts | null = null;
  @property() today: IsoDate = '';
  @property({ type: Boolean }) offline = false;

  @consume({ context: servicesContext })
  private services!: AppServices;

  @consume({ context: libraryContext, subscribe: true })
  private library: LibraryState = { info: null, failure: null };

  @state() private sort: SortState<HoldSortKey> = { key: null, direction: 'ascending' };
  @state() private message: { kind: 'ok' | 'warn'; text: string } | null = null;
  /** Phone only (below 40em): the count summary and the sort buttons, each behind its own button. */
  @state() private countsOpen = false;
  @state() private sortOpen = false;
  private readonly screen = new NarrowScreenController(this);
  @query('shiori-cancel-hold-dialog') private cancelDialog!: CancelHoldDialog;
  @query('shiori-change-hold-dialog') private changeDialog!: ChangeHoldDialog;
  @query('shiori-series-dialog') private seriesDialog!: SeriesDialog;
  @query('shiori-pause-hold-dialog') private pauseDialog!: PauseHoldDialog;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  private messageTarget = () => this.renderRoot.querySelector<HTMLElement>('#holds-message');

  private async report(action: () => Promise<unknown>, done: string): Promise<void> {
    const outcome = await attempt(action, done);
    if (!outcome) return;
    this.message = outcome;
    if (outcome.kind === 'ok') this.dispatchEvent(new CustomEvent('account-reload', { bubbles: true, composed: true }));
  }

  private onCancelConfirmed(e: HTMLElementEventMap['cancel-confirmed']): void {
    const { hold, sendConfirmationEmail } = e.detail;
    void this.report(() => cancelHold(this.services.api, hold.id, sendConfirmationEmail), `${hold.title}: ${msg('予約を取り消しました', { id: 'holds.cancelled' })}`);
  }

  private onChangeConfirmed(e: HTMLElementEventMap['change-confirmed']): void {
    const { hold, pickupBranch, contactMethod } = e.detail;
    void this.report(() => changeHold(this.services.api, hold.id, { pickupBranch, contactMethod }), `${hold.title}: ${msg('予約を変更しました', { id: 'holds.changed' })}`);
  }

  private onPauseConfirmed(e: CustomEvent<{ hold: Hold; pausedUntil: IsoDate }>): void {
    const { hold, pausedUntil } = e.detail;
    void this.report(() => pauseHold(this.services.api, hold.id, pausedUntil), `${hold.title}: ${msg('予約を一時停止しました', { id: 'holds.pausedDone' })}`);
  }

  private resume(hold: Hold): void {
    void this.report(() => pauseHold(this.services.api, hold.id, null), `${hold.title}: ${msg('予約を再開しました', { id: 'holds.resumed' })}`);
  }

  private renderCounts() {
    const c = this.counts?.holds;
    if (!c) return nothing;
    const total = msg('全合計', { id: 'counts.total' });
    const general = msg('一般・他', { id: 'counts.general' });
    const cd = msg('うちCD', { id: 'counts.ofWhichCd' });
    return html`<table class="counts foldable ${this.countsOpen ? 'open' : ''}" id="hold-counts">
      <thead><tr><th scope="col">${rt(total)}</th><th scope="col">${rt(general)}</th><th scope="col">${rt(cd)}</th></tr></thead>
      <tbody><tr>
        <td data-label=${total}>${c.total}</td>
        <td data-label=${general}>${c.general.count} / ${c.general.limit}</td>
        <td data-label=${cd}>(${c.cd.count} / ${c.cd.limit})</td>
      </tr></tbody>
    </table>`;
  }

  private renderStatus(hold: Hold, offlineReasonId: string) {
    if (hold.status === 'waiting' && hold.cancellable) {
      return html`<button type="button" class="cancel-hold" aria-describedby="hold-title-${hold.id} ${this.offline ? offlineReasonId : ''}"
        ?disabled=${this.offline}
        @click=${(e: Event) => void this.cancelDialog.show(hold, this.today, e.currentTarget as HTMLElement, this.messageTarget)}>${rt(holdStatusName(hold.status))}</button>`;
    }
    const icon = hold.status === 'ready' ? '✓' : hold.status === 'in_transit' ? '→' : '…';
    return html`<span class="status-text"><span aria-hidden="true">${icon}</span>${rt(holdStatusName(hold.status))}</span>`;
  }

  private renderChange(hold: Hold, offlineReasonId: string) {
    if (hold.status !== 'waiting') return html`<span class="reason">${rt(msg('電話や窓口にてお伝えください', { id: 'holds.askStaff' }))}</span>`;
    if (!hold.changeable) return nothing;
    const describedBy = `hold-title-${hold.id} ${this.offline ? offlineReasonId : ''}`;
    const pause = hold.pausedUntil
      ? html`<button type="button" class="secondary resume-hold" aria-describedby=${describedBy} ?disabled=${this.offline}
          @click=${() => this.resume(hold)}>${rt(msg('再開', { id: 'holds.resume' }))}</button>`
      : html`<button type="button" class="secondary pause-hold" aria-describedby=${describedBy} ?disabled=${this.offline}
          @click=${(e: Event) => void this.pauseDialog.show(hold, this.today, e.currentTarget as HTMLElement, this.messageTarget)}>${rt(msg('一時停止', { id: 'holds.pause' }))}</button>`;
    return html`<span class="hold-actions">
      <button type="button" class="secondary change-hold" aria-describedby=${describedBy} ?disabled=${this.offline}
        @click=${(e: Event) => void this.changeDialog.show(hold, e.currentTarget as HTMLElement, this.messageTarget)}>${rt(msg('変更', { id: 'holds.change' }))}</button>
      ${pause}
    </span>`;
  }

  private renderQueue(hold: Hold) {
    const paused = pausedLine(hold);
    const line = queueLine(hold);
    return html`${paused ? html`<span class="paused"><span aria-hidden="true">⏸ </span>${rt(paused)}</span>` : nothing}${line
      ? html`<span class="queue" >${rt(line)}</span>`
      : nothing}`;
  }

  override render() {
    const policy = this.library.info?.policy;
    const holds = sortRows(this.holds, this.sort, (h, k) =>
      k === 'status' ? STATUS_ORDER[h.status] : k === 'pickupBranch' ? branchName(h.pickupBranch, policy) : (h[k] ?? ''),
    );
    const onSort = (k: HoldSortKey) => (this.sort = nextSort(this.sort, k));
    const L = {
      no: msg('No.', { id: 'loans.col.no' }),
      status: msg('状況', { id: 'holds.col.status' }),
      rank: msg('順位', { id: 'holds.col.rank' }),
      title: msg('タイトル', { id: 'loans.col.title' }),
      series: msg('シリーズ予約番号', { id: 'holds.col.series' }),
      placedOn: msg('予約日', { id: 'holds.col.placedOn' }),
      notNeededAfter: msg('予約待ち期限日', { id: 'holds.col.notNeededAfter' }),
      pickupBy: msg('取置期限日', { id: 'holds.col.pickupBy' }),
      branch: msg('受取館', { id: 'holds.col.pickupBranch' }),
      contact: msg('連絡方法', { id: 'holds.col.contact' }),
      change: msg('変更', { id: 'holds.change' }),
    };
    const offlineReasonId = 'holds-offline-reason';
    const narrow = this.screen.narrow;
    // On a phone the holds come first: the series tools and the guide to the estimates follow the list.
    const tools = html`<div class="toolbar">
        <button type="button" class="secondary series no-print" ?disabled=${this.offline}
          aria-describedby="series-note ${this.offline ? offlineReasonId : ''}"
          @click=${(e: Event) => void this.seriesDialog.show(this.holds, e.currentTarget as HTMLElement)}>${rt(msg('シリーズ予約組替・解除', { id: 'series.button' }))}</button>
        <span class="series-note" id="series-note">${rt(msg('状況が「準備できました」「予約回送中です」以外の予約について、シリーズ予約を組み替えることができます。', { id: 'series.note' }))}</span>
      </div>
      ${this.offline ? html`<p class="reason" id=${offlineReasonId}>${msg('オフラインのため使えません', { id: 'offline.unavailable' })}</p>` : nothing}
      ${this.holds.some((h) => h.queue?.estimate) ? html`<p class="queue-guide" id="queue-guide">${rt(msg('目安は、所蔵冊数・貸出期間・延長と、前に待っている予約（一時停止中を除く）から計算したおおよその待ち時間で、お約束ではありません。', { id: 'holds.queue.guide' }))}</p>` : nothing}`;
    return html`
      <div class="fold-row no-print">
        ${foldButton(msg('件数', { id: 'fold.counts' }), 'hold-counts', this.countsOpen, () => (this.countsOpen = !this.countsOpen))}
        ${this.holds.length > 1 ? foldButton(msg('並べ替え', { id: 'fold.sort' }), 'holds-head', this.sortOpen, () => (this.sortOpen = !this.sortOpen)) : nothing}
      </div>
      ${this.renderCounts()}
      ${narrow ? nothing : tools}
      <p id="holds-message" tabindex="-1" class=${this.message ? `notice ${this.message.kind}` : 'visually-hidden'}>${this.message?.text ?? ''}</p>
      ${this.holds.length === 0
        ? html`<p>${rt(msg('予約している資料はありません。', { id: 'holds.empty' }))}</p>`
        : html`<div class="table-wrap" tabindex="0" role="region" aria-label=${msg('予約', { id: 'tab.holds' })}><table class="holds cards">
            <caption class="visually-hidden">${msg('予約', { id: 'tab.holds' })}</caption>
            <thead id="holds-head" class="foldable ${this.sortOpen ? 'open' : ''}"><tr>
              <th scope="col">${L.no}</th>
              ${sortableHeader(rt(L.status), 'status', this.sort, onSort)}
              <th scope="col">${rt(L.rank)}</th>
              <th scope="col">${rt(L.title)}</th>
              <th scope="col">${rt(L.series)}</th>
              ${sortableHeader(rt(L.placedOn), 'placedOn', this.sort, onSort)}
              ${sortableHeader(rt(L.notNeededAfter), 'notNeededAfter', this.sort, onSort)}
              <th scope="col">${rt(L.pickupBy)}</th>
              ${sortableHeader(rt(L.branch), 'pickupBranch', this.sort, onSort)}
              <th scope="col">${rt(L.contact)}</th>
              <th scope="col"><span class="visually-hidden">${L.change}</span></th>
            </tr></thead>
            <tbody>
              ${holds.map(
                (h, i) => html`<tr data-hold=${h.id}>
                  <td data-label=${L.no} class="no">${i + 1}</td>
                  <td data-label=${L.status} class="lead">${this.renderStatus(h, offlineReasonId)}</td>
                  <td data-label=${L.rank} class="minor">${h.rank ?? ''}</td>
                  <td data-label=${L.title} class="title"><span id="hold-title-${h.id}" lang="ja" role=${narrow ? 'heading' : nothing} aria-level=${narrow ? '2' : nothing}>${h.title}</span>${this.renderQueue(h)}</td>
                  <td data-label=${L.series} class="minor">${h.seriesNo === null ? '' : `${h.seriesNo}-${h.seriesOrder ?? ''}`}</td>
                  <td data-label=${L.placedOn} class="minor">${formatDate(h.placedOn)}</td>
                  <td data-label=${L.notNeededAfter} class="minor">${formatDate(h.notNeededAfter)}</td>
                  <td data-label=${L.pickupBy} class="minor">${formatDate(h.pickupBy)}</td>
                  <td data-label=${L.branch} class="lead">${rt(branchName(h.pickupBranch, policy))}</td>
                  <td data-label=${L.contact} class="contact minor">${contactName(h.contactMethod)}</td>
                  <td data-label="" class="actions">${this.renderChange(h, offlineReasonId)}</td>
                </tr>`,
              )}
            </tbody>
          </table></div>`}
      ${narrow ? tools : nothing}
      <shiori-cancel-hold-dialog @cancel-confirmed=${this.onCancelConfirmed}></shiori-cancel-hold-dialog>
      <shiori-change-hold-dialog @change-confirmed=${this.onChangeConfirmed}></shiori-change-hold-dialog>
      <shiori-pause-hold-dialog @pause-confirmed=${this.onPauseConfirmed}></shiori-pause-hold-dialog>
      <shiori-series-dialog @series-changed=${() => this.dispatchEvent(new CustomEvent('account-reload', { bubbles: true, composed: true }))}></shiori-series-dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-holds-panel': HoldsPanel;
  }
}
