import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import type { BranchDay } from '../../../common/api.ts';
import { formatMonthDay } from '../../i18n/labels.ts';
import { currentLocale } from '../../i18n/localize.ts';
import { plain, rt } from '../../i18n/ruby.ts';
import { sharedStyles, tableStyles } from '../../styles/shared.ts';

/** A date's weekday in the page's language (the date is a library date: read at UTC midnight). */
function weekdayName(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(currentLocale() === 'en' ? 'en' : 'ja', { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/**
 * 各館案内: one branch's coming days (GET /api/library `openDays`), folded under a summary:
 * each day 開館 with its hours or 休館 (with the reason when a usual open day is closed) — in
 * words, never told apart by colour alone.
 */
@customElement('shiori-branch-days')
export class BranchDays extends LitElement {
  static override styles = [
    sharedStyles,
    tableStyles,
    css`
      summary { cursor: pointer; padding: 0.25rem 0; font-weight: 700; }
      tr.closed td { font-weight: 700; }
    `,
  ];

  @property({ attribute: false }) days: BranchDay[] = [];
  @property() branchLabel = '';

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    if (this.days.length === 0) return null;
    const cols = { date: plain(msg('日付', { id: 'library.days.date' })), status: plain(msg('開館状況', { id: 'library.days.status' })) };
    const caption = msg(str`${this.branchLabel}の${this.days.length}日間`, { id: 'library.days.caption' });
    return html`<details>
      <summary>${rt(msg(str`これから${this.days.length}日間の開館日`, { id: 'library.days.summary' }))}</summary>
      <table>
        <caption class="visually-hidden">${plain(caption)}</caption>
        <thead><tr><th scope="col">${cols.date}</th><th scope="col">${cols.status}</th></tr></thead>
        <tbody>
          ${this.days.map(
            (d) => html`<tr class=${d.hours ? 'open' : 'closed'}>
              <td data-label=${cols.date}>${formatMonthDay(d.date)}(${weekdayName(d.date)})</td>
              <td data-label=${cols.status}>${d.hours
                ? html`${rt(msg('開館', { id: 'library.open' }))} ${d.hours}${d.note ? `（${d.note}）` : ''}`
                : html`${rt(msg('休館', { id: 'library.closed' }))}${d.closedFor ? `（${d.closedFor}）` : ''}`}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-branch-days': BranchDays;
  }
}
