import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { libraryContext, type LibraryState } from '../../app/context.ts';
import { branchNames } from '../../i18n/labels.ts';
import { plain, rt } from '../../i18n/ruby.ts';
import { sharedStyles, tableStyles } from '../../styles/shared.ts';
import { crumbs } from '../forms/crumbs.ts';
import { formStyles } from '../forms/form-styles.ts';
import './library-today.ts';
import './branch-days.ts';

/**
 * 各館案内 (/library): today's 開館 / 休館 per branch, then each branch's weekly hours and its next
 * 30 days — the library's own branches and names (GET /api/library, the app's).
 */
@customElement('shiori-library-page')
export class LibraryPage extends LitElement {
  static override styles = [
    sharedStyles,
    tableStyles,
    formStyles,
    css`
      .branches { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 18rem), 1fr)); }
      section.branch { border: 0.0625rem solid var(--c-border); border-radius: var(--radius); padding: 0.5rem 0.75rem; }
    `,
  ];

  @consume({ context: libraryContext, subscribe: true })
  private library: LibraryState = { info: null, failure: null };

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    const title = msg('各館案内', { id: 'library.heading' });
    const cols = { days: plain(msg('曜日', { id: 'library.col.days' })), hours: plain(msg('開館時間', { id: 'library.col.hours' })) };
    return html`
      ${crumbs(title, false)}
      <h1>${rt(title)}</h1>
      <shiori-library-today></shiori-library-today>
      ${this.library.info
        ? html`<h2>${rt(msg('開館時間', { id: 'library.col.hours' }))}</h2>
            <div class="branches">
              ${this.library.info.policy.branches.map(
                (b) => html`<section class="branch" aria-labelledby="b-${b.code}">
                  <h3 id="b-${b.code}">${rt(branchNames(b).name)}</h3>
                  <table>
                    <thead><tr><th scope="col">${cols.days}</th><th scope="col">${cols.hours}</th></tr></thead>
                    <tbody>
                      ${b.hours.map((h) => html`<tr><td data-label=${cols.days}>${h.days}</td><td data-label=${cols.hours}>${h.hours}${h.note ? `（${h.note}）` : ''}</td></tr>`)}
                    </tbody>
                  </table>
                  <shiori-branch-days .days=${this.library.info?.openDays?.[b.code] ?? []} branchLabel=${branchNames(b).name}></shiori-branch-days>
                </section>`,
              )}
            </div>`
        : null}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-library-page': LibraryPage;
  }
}
