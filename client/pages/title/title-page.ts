import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { CopyStatus, TitleDetail } from '../../../common/api.ts';
import { ApiFailure } from '../../data/api.ts';
import { fetchTitle } from '../../data/catalog.ts';
import { branchName, errorText, formatDate } from '../../i18n/labels.ts';
import { plain, rt } from '../../i18n/ruby.ts';
import { sharedStyles, tableStyles } from '../../styles/shared.ts';
import { availability, materialName } from '../holding/availability.ts';
import { TitleActionsController } from '../holding/title-actions.ts';
import { titleStyles } from '../holding/title-styles.ts';

function copyStatusName(status: CopyStatus): string {
  switch (status) {
    case 'on_shelf': return msg('在架', { id: 'copy.status.on_shelf' });
    case 'on_loan': return msg('貸出中', { id: 'availability.onLoan' });
    case 'in_transit': return msg('回送中', { id: 'copy.status.in_transit' });
    default: return msg('予約取置中', { id: 'copy.status.on_hold_shelf' });
  }
}

/** The bibId of /titles/:bibId (with or without the kiosk prefix). */
function bibIdFromPath(pathname: string): string {
  const m = /\/titles\/([^/]+)\/?$/.exec(pathname);
  return m ? decodeURIComponent(m[1]!) : '';
}

/**
 * A title page (/titles/:bibId): what it is, availability, copies per branch (所蔵館 · 状態 ·
 * 返却期限日), and 予約する · 今度読みたい資料に追加 · カートに入れる.
 */
@customElement('shiori-title-page')
export class TitlePage extends LitElement {
  static override styles = [
    sharedStyles,
    tableStyles,
    titleStyles,
    css`
      dl { display: grid; grid-template-columns: minmax(5rem, auto) 1fr; gap: 0.25rem 1rem; margin: 0.5rem 0; }
      dt { font-weight: 700; }
      dd { margin: 0; }
    `,
  ];

  @state() private detail: TitleDetail | null = null;
  @state() private problem = '';
  private bibId = '';
  private readonly actions = new TitleActionsController(this);
  private readonly onLocation = () => this.readUrl();

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('vaadin-router-location-changed', this.onLocation);
    this.readUrl();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('vaadin-router-location-changed', this.onLocation);
    super.disconnectedCallback();
  }

  private readUrl(): void {
    const bibId = bibIdFromPath(location.pathname);
    if (!bibId || bibId === this.bibId) return;
    this.bibId = bibId;
    void this.load();
  }

  private async load(): Promise<void> {
    this.problem = '';
    this.detail = null;
    try {
      this.detail = await fetchTitle(this.bibId);
    } catch (e) {
      this.problem =
        e instanceof ApiFailure && e.code === 'not_found'
          ? msg('この資料は見つかりませんでした。', { id: 'hold.refused.not_found' })
          : e instanceof ApiFailure ? errorText(e) : String(e);
    }
  }

  private renderCopies(t: TitleDetail) {
    const cols = {
      branch: plain(msg('所蔵館', { id: 'title.col.branch' })),
      status: plain(msg('状態', { id: 'title.col.status' })),
      due: plain(msg('返却期限日', { id: 'loans.col.due' })),
    };
    return html`<div class="table-wrap">
      <table>
        <caption>${rt(msg('所蔵', { id: 'title.copies' }))}</caption>
        <thead><tr><th scope="col">${cols.branch}</th><th scope="col">${cols.status}</th><th scope="col">${cols.due}</th></tr></thead>
        <tbody>
          ${t.copyList.map(
            (c) => html`<tr>
              <td data-label=${cols.branch}>${rt(branchName(c.branch))}</td>
              <td data-label=${cols.status}>${rt(copyStatusName(c.status))}</td>
              <td data-label=${cols.due}>${formatDate(c.dueOn)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    const t = this.detail;
    if (this.problem) return html`<p class="notice warn" role="alert">${rt(this.problem)}</p>`;
    if (!t) return html`<p role="status">${rt(msg('読み込んでいます…', { id: 'title.loading' }))}</p>`;
    return html`
      <h1 id="title-name">${t.title}</h1>
      <dl>
        ${t.author ? html`<dt>${rt(msg('著者', { id: 'title.author' }))}</dt><dd>${t.author}</dd>` : null}
        ${t.publisher ? html`<dt>${rt(msg('出版者', { id: 'title.publisher' }))}</dt><dd>${t.publisher}</dd>` : null}
        ${t.year ? html`<dt>${rt(msg('出版年', { id: 'title.year' }))}</dt><dd>${t.year}</dd>` : null}
        <dt>${rt(msg('資料区分', { id: 'title.material' }))}</dt><dd>${rt(materialName(t.materialType))}</dd>
      </dl>
      ${availability(t)}
      ${this.actions.buttons({ bibId: t.bibId, title: t.title }, 'title-name')}
      ${this.actions.notice()}
      ${this.renderCopies(t)}
      ${this.actions.dialogs()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-title-page': TitlePage;
  }
}
