import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { libraryContext, type LibraryState } from '../../app/context.ts';
import { branchName, formatDate } from '../../i18n/labels.ts';
import { rt } from '../../i18n/ruby.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { failureText } from '../../app/page-load.ts';

/**
 * Today's 開館状況, as on the seed's top page: 「〇は開館、休は休館です」, then ○ 本館 10:00~17:00 …
 * The symbol and the words 開館 / 休館 carry the meaning, never colour alone. Used on the top page
 * (compact) and on /library. The information is the app's (GET /api/library, loaded once at start).
 */
@customElement('shiori-library-today')
export class LibraryToday extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      ul { list-style: none; padding: 0; margin: 0.25rem 0; }
      li { display: flex; flex-wrap: wrap; gap: 0 0.5rem; align-items: baseline; padding: 0.15rem 0; }
      .mark { display: inline-block; min-width: 1.5em; font-weight: 700; text-align: center; border: 0.0625rem solid currentColor; border-radius: 50%; }
      li.closed .mark { border-radius: var(--radius); }
      .name { font-weight: 700; min-width: 6em; }
      h2, h3 { font-size: 1.1rem; }
    `,
  ];

  /** Heading level of the block's title: 2 (default) or 3. */
  @property({ type: Number }) level = 2;

  @consume({ context: libraryContext, subscribe: true })
  private library: LibraryState = { info: null, failure: null };

  /** Why the information could not be loaded, in words (they load on demand). */
  private readonly problem = new Task(this, {
    task: async ([failure]) => (failure === null ? '' : failureText(failure)),
    args: () => [this.library.failure] as const,
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    const info = this.library.info;
    if (!info && this.problem.value) return html`<p class="notice warn">${rt(this.problem.value)}</p>`;
    if (!info) return html`<p role="status">${rt(msg('読み込んでいます…', { id: 'title.loading' }))}</p>`;
    const heading = msg(str`${formatDate(info.today)}開館状況`, { id: 'library.today.heading' });
    return html`<section aria-labelledby="today-heading">
      ${this.level === 3
        ? html`<h3 id="today-heading">${rt(heading)}</h3>`
        : html`<h2 id="today-heading">${rt(heading)}</h2>`}
      <p>${rt(msg('〇は開館、休は休館です', { id: 'library.today.legend' }))}</p>
      <ul>
        ${info.branches.map((b) => {
          const name = branchName(b.code, info.policy);
          return html`<li class=${b.openToday ? 'open' : 'closed'}>
            <span class="mark" aria-hidden="true">${b.openToday ? '○' : '休'}</span>
            <span class="name">${rt(name)}</span>
            ${b.openToday
              ? html`<span class="visually-hidden">${msg('開館', { id: 'library.open' })}</span> <span>${b.hoursToday ?? ''}</span>`
              : html`<span>${rt(msg('休館', { id: 'library.closed' }))}</span>`}
          </li>`;
        })}
      </ul>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-library-today': LibraryToday;
  }
}
