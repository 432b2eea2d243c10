import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { Task, initialState } from '@lit/task';
import type { RouterLocation } from '@vaadin/router';
import type { CopyStatus, TitleDetail } from '../../../common/api.ts';
import { libraryContext, servicesContext, type AppServices, type LibraryState } from '../../app/context.ts';
import { explained, loadFailureText, showsFailure } from '../../app/page-load.ts';
import { fetchTitle } from '../../data/catalog.ts';
import { branchName, formatDate } from '../../i18n/labels.ts';
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

/**
 * A title page (/titles/:bibId): what it is, availability, copies per branch (所蔵館 · 状態 ·
 * 返却期限日), and 予約する · 今度読みたい資料に追加 · カートに入れる. The router sets `location`
 * (also when it keeps this element for another title); the title loads through a @lit/task.
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

  /** Set by Vaadin Router: `params.bibId` of /titles/:bibId. */
  @property({ attribute: false }) location: RouterLocation | null = null;

  @consume({ context: servicesContext })
  private services!: AppServices;

  @consume({ context: libraryContext, subscribe: true })
  private library: LibraryState = { info: null, failure: null };

  private readonly actions = new TitleActionsController(this);

  private readonly detail = new Task(this, {
    task: async ([bibId], { signal }) => (bibId ? explained(fetchTitle(this.services.api, bibId, signal), { notFound: 'title' }) : initialState),
    args: () => [String(this.location?.params['bibId'] ?? '')] as const,
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
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
              <td data-label=${cols.branch}>${rt(branchName(c.branch, this.library.info?.policy))}</td>
              <td data-label=${cols.status}>${rt(copyStatusName(c.status))}</td>
              <td data-label=${cols.due}>${formatDate(c.dueOn)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    const loading = () => html`<p role="status">${rt(msg('読み込んでいます…', { id: 'title.loading' }))}</p>`;
    return this.detail.render({
      initial: loading,
      pending: loading,
      error: (error) => (showsFailure(error) ? html`<p class="notice warn" role="alert">${rt(loadFailureText(error))}</p>` : null),
      complete: (t) => this.renderTitle(t),
    });
  }

  private renderTitle(t: TitleDetail) {
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
