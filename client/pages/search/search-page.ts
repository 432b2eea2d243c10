import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import type { RouterLocation } from '@vaadin/router';
import type { MaterialType, SearchResponse, SearchResult } from '../../../common/api.ts';
import { announce } from '../../app/announcer.ts';
import { servicesContext, type AppServices } from '../../app/context.ts';
import { href, navigate } from '../../app/navigate.ts';
import { explained, loadFailureText } from '../../app/page-load.ts';
import { MATERIAL_TYPES, searchCatalog, searchFromQuery, searchToQuery, type CatalogSearch } from '../../data/catalog.ts';
import { plain, rt } from '../../i18n/ruby.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { availability, materialName } from '../holding/availability.ts';
import { TitleActionsController } from '../holding/title-actions.ts';
import { titleStyles } from '../holding/title-styles.ts';
import { rememberScroll, restoreScroll } from './scroll-memory.ts';
import '../library/library-today.ts';

/** A search's answer, and whether it was asked for now (else it was kept from earlier in this visit). */
interface Results {
  key: string;
  answer: SearchResponse;
  fresh: boolean;
}

/**
 * かんたん検索 (/search?q=&type=&page=): フリーワード, 絞り込み条件 □図書 □雑誌 □CD, 検索.
 * Before a search it also shows today's 開館状況, as the seed's top page does.
 * The search lives in the URL (the router's `location`), so going back to the results restores
 * them — kept for the visit by the app (services.searchAnswers) — and their scroll position.
 * Results load through a @lit/task: a newer search aborts the one under way.
 */
@customElement('shiori-search-page')
export class SearchPage extends LitElement {
  static override styles = [
    sharedStyles,
    titleStyles,
    css`
      form { display: grid; gap: 0.5rem; max-width: 40rem; }
      .field { display: grid; gap: 0.25rem; }
      .query { display: flex; flex-wrap: wrap; gap: 0.5rem; }
      .query input { flex: 1 1 12rem; min-width: 0; }
      fieldset { border: 0.0625rem solid var(--c-border); border-radius: var(--radius); display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
      fieldset label { display: inline-flex; align-items: center; gap: 0.35rem; min-height: var(--target); font-weight: 400; }
      fieldset input { min-height: 1.25rem; width: 1.25rem; height: 1.25rem; }
      ol.results { list-style: none; padding: 0; margin: 0; }
      ol.results > li { border-bottom: 0.0625rem solid var(--c-border); padding: 0.75rem 0; }
      ol.results h3 { margin: 0; font-size: 1.1rem; }
      nav.paging { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; margin: 1rem 0; }
      nav.paging a { display: inline-flex; align-items: center; min-height: var(--target); padding: 0 0.5rem; }
      .today { margin-top: 1.5rem; }
    `,
  ];

  /** Set by Vaadin Router: the search is its query string. */
  @property({ attribute: false }) location: RouterLocation | null = null;

  @consume({ context: servicesContext })
  private services!: AppServices;

  @state() private search: CatalogSearch = { q: '', types: [], page: 1 };
  /** The patron pressed 検索 with no word. */
  @state() private problem = '';
  private readonly actions = new TitleActionsController(this);
  /** Set when the patron pressed 検索 or a page link (focus the results), not when coming back. */
  private focusResults = false;

  private readonly results = new Task(this, {
    task: async ([key], { signal }): Promise<Results | null> => {
      const search = searchFromQuery(key);
      if (!search.q) return null;
      const known = this.services.searchAnswers.get(key);
      if (known) return { key, answer: known, fresh: false };
      const answer = await explained(searchCatalog(this.services.api, search, signal));
      this.services.searchAnswers.set(key, answer);
      return { key, answer, fresh: true };
    },
    args: () => [this.urlKey()] as const,
    onComplete: (results) => void this.arrived(results),
    onError: (error) => {
      this.focusResults = false;
      announce(plain(loadFailureText(error)));
    },
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('vaadin-router-go', this.onGo);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('vaadin-router-go', this.onGo);
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('location')) {
      this.savedOnGo = false;
      this.problem = '';
      this.search = searchFromQuery(this.location?.search ?? '');
    }
  }

  /**
   * Where the patron was, saved when they leave these results: on a link or Router.go (the
   * router's click handler scrolls to the top right after this event), else — 戻る / 進む — in
   * the router's onBeforeLeave.
   */
  private readonly onGo = () => {
    if (this.shown) rememberScroll(this.urlKey());
    this.savedOnGo = true;
  };
  private savedOnGo = false;

  onBeforeLeave(): void {
    if (this.shown && !this.savedOnGo) rememberScroll(this.urlKey());
    this.savedOnGo = false;
  }

  /** The results on screen, if any. */
  private get shown(): SearchResponse | null {
    return this.results.value?.answer ?? null;
  }

  private urlKey(): string {
    return searchToQuery(this.search).toString();
  }

  private async arrived(results: Results | null): Promise<void> {
    const focus = this.focusResults;
    this.focusResults = false;
    if (!results) return;
    if (results.fresh) announce(this.countText(results.answer));
    await this.updateComplete;
    if (results.fresh && focus) this.renderRoot.querySelector<HTMLElement>('#results-heading')?.focus();
    else restoreScroll(results.key);
  }

  private go(search: CatalogSearch): void {
    this.focusResults = true;
    this.problem = '';
    const query = searchToQuery(search).toString();
    if (query === this.urlKey() && this.shown) {
      this.services.searchAnswers.delete(query); // same search again: ask afresh
      void this.results.run();
      return;
    }
    navigate(`/search?${query}`);
    // The router keeps this element and gives it the new location: the task follows.
  }

  private submit(e: Event): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const q = String(data.get('q') ?? '').trim();
    const types = data.getAll('type').map(String) as MaterialType[];
    if (!q) {
      this.problem = msg('フリーワードを入力してください。', { id: 'search.needWord' });
      announce(plain(this.problem));
      form.querySelector('input')?.focus();
      return;
    }
    this.go({ q, types, page: 1 });
  }

  private countText(answer: SearchResponse): string {
    const pages = Math.max(1, Math.ceil(answer.total / answer.pageSize));
    return plain(msg(str`検索結果 ${answer.total}件（${answer.page} / ${pages}ページ）`, { id: 'search.count' }));
  }

  private pageLink(page: number, label: string) {
    const query = searchToQuery({ ...this.search, page }).toString();
    return html`<a href=${href(`/search?${query}`)} @click=${() => (this.focusResults = true)}>${rt(label)}</a>`;
  }

  private renderResult(item: SearchResult, index: number) {
    const id = `result-${index}`;
    return html`<li>
      <h3 id=${id}><a href=${href(`/titles/${encodeURIComponent(item.bibId)}`)}>${item.title}</a></h3>
      <p class="facts">
        ${rt(materialName(item.materialType))}${item.author ? html` · ${item.author}` : null}${item.publisher ? html` · ${item.publisher}` : null}${item.year ? html` · ${item.year}` : null}
      </p>
      ${availability(item)}
      ${this.actions.buttons({ bibId: item.bibId, title: item.title }, id)}
    </li>`;
  }

  private renderAnswer(answer: SearchResponse) {
    const pages = Math.max(1, Math.ceil(answer.total / answer.pageSize));
    return html`<section aria-labelledby="results-heading">
      <h2 id="results-heading" tabindex="-1">${this.countText(answer)}</h2>
      ${answer.total === 0
        ? html`<p>${rt(msg('該当する資料はありませんでした。ことばを短くするか、絞り込み条件を外してみてください。', { id: 'search.none' }))}</p>`
        : html`<ol class="results" start=${(answer.page - 1) * answer.pageSize + 1}>
            ${answer.results.map((r, i) => this.renderResult(r, i))}
          </ol>`}
      ${pages > 1
        ? html`<nav class="paging" aria-label=${plain(msg('検索結果のページ', { id: 'search.paging' }))}>
            ${answer.page > 1 ? this.pageLink(answer.page - 1, msg('前へ', { id: 'search.prev' })) : null}
            <span aria-current="page">${answer.page} / ${pages}</span>
            ${answer.page < pages ? this.pageLink(answer.page + 1, msg('次へ', { id: 'search.next' })) : null}
          </nav>`
        : null}
    </section>`;
  }

  override render() {
    const s = this.search;
    return html`
      <h1>${rt(msg('かんたん検索', { id: 'search.heading' }))}</h1>
      <form role="search" @submit=${this.submit}>
        <div class="field">
          <label for="q">${rt(msg('フリーワード', { id: 'search.freeWord' }))}</label>
          <div class="query">
            <input id="q" name="q" type="search" .value=${s.q} autocomplete="off" enterkeyhint="search" />
            <button type="submit">${rt(msg('検索', { id: 'search.submit' }))}</button>
          </div>
        </div>
        <fieldset>
          <legend>${rt(msg('絞り込み条件', { id: 'search.filters' }))}</legend>
          ${MATERIAL_TYPES.map(
            (t) => html`<label><input type="checkbox" name="type" value=${t} .checked=${s.types.includes(t)} />${rt(materialName(t))}</label>`,
          )}
        </fieldset>
      </form>
      ${this.actions.notice()}
      ${this.problem ? html`<p class="notice warn">${rt(this.problem)}</p>` : null}
      ${this.problem || !s.q
        ? null
        : this.results.render({
            pending: () => html`<p role="status">${rt(msg('検索しています…', { id: 'search.loading' }))}</p>`,
            complete: (results) => (results ? this.renderAnswer(results.answer) : null),
            error: (error) => html`<p class="notice warn">${rt(loadFailureText(error))}</p>`,
          })}
      ${s.q ? null : html`<shiori-library-today class="today"></shiori-library-today>`}
      ${this.actions.dialogs()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-search-page': SearchPage;
  }
}
