import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import type { CancelledHold } from '../../../common/api.ts';
import { libraryContext, type LibraryState } from '../../app/context.ts';
import { branchName, cancelReasonName, formatDate } from '../../i18n/labels.ts';
import { rt } from '../../i18n/ruby.ts';
import { sharedStyles, tableStyles } from '../../styles/shared.ts';

/** 予約取消: holds cancelled in the last month, with 取消区分. */
@customElement('shiori-cancelled-panel')
export class CancelledPanel extends LitElement {
  static override styles = [sharedStyles, tableStyles];

  @property({ attribute: false }) cancelled: CancelledHold[] = [];

  @consume({ context: libraryContext, subscribe: true })
  private library: LibraryState = { info: null, failure: null };

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    const L = {
      no: msg('No.', { id: 'loans.col.no' }),
      status: msg('状況', { id: 'holds.col.status' }),
      title: msg('タイトル', { id: 'loans.col.title' }),
      placedOn: msg('予約日', { id: 'holds.col.placedOn' }),
      notNeededAfter: msg('予約待ち期限日', { id: 'holds.col.notNeededAfter' }),
      branch: msg('受取館', { id: 'holds.col.pickupBranch' }),
      reason: msg('取消区分', { id: 'cancelled.col.reason' }),
      cancelledOn: msg('予約取消日', { id: 'cancelled.col.cancelledOn' }),
    };
    if (this.cancelled.length === 0) return html`<p>${rt(msg('取り消した予約はありません。', { id: 'cancelled.empty' }))}</p>`;
    const months = this.library.info?.policy.cancelledHoldsShownMonths;
    return html`${months === undefined ? nothing : html`<p class="reason">${rt(msg(str`予約取消は取消した日から${months}か月間表示されます。`, { id: 'cancelled.note' }))}</p>`}
      <div class="table-wrap" tabindex="0" role="region" aria-label=${msg('予約取消', { id: 'tab.cancelled' })}><table class="cancelled">
        <caption class="visually-hidden">${msg('予約取消', { id: 'tab.cancelled' })}</caption>
        <thead><tr>
          ${Object.values(L).map((l) => html`<th scope="col">${rt(l)}</th>`)}
        </tr></thead>
        <tbody>
          ${this.cancelled.map(
            (c, i) => html`<tr>
              <td data-label=${L.no}>${i + 1}</td>
              <td data-label=${L.status}></td>
              <td data-label=${L.title} class="title" lang="ja">${c.title}</td>
              <td data-label=${L.placedOn}>${formatDate(c.placedOn)}</td>
              <td data-label=${L.notNeededAfter}>${formatDate(c.notNeededAfter)}</td>
              <td data-label=${L.branch}>${rt(branchName(c.pickupBranch, this.library.info?.policy))}</td>
              <td data-label=${L.reason} class="reason-col">${cancelReasonName(c.reason)}</td>
              <td data-label=${L.cancelledOn}>${formatDate(c.cancelledOn)}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-cancelled-panel': CancelledPanel;
  }
}
