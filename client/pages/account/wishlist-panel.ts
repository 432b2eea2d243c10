import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import type { PatronSummary, Wishlist, WishlistEntry } from '../../../common/api.ts';
import { attempt } from '../../app/attempt.ts';
import { libraryContext, servicesContext, type AppServices, type LibraryState } from '../../app/context.ts';
import { explained, loadFailureText, showsFailure, type RefusalHints } from '../../app/page-load.ts';
import { placeHold } from '../../data/holds.ts';
import { addCategory, deleteCategory, fetchWishlist, moveEntry, removeEntry, renameCategory } from '../../data/wishlist.ts';
import { rt } from '../../i18n/ruby.ts';
import { sharedStyles } from '../../styles/shared.ts';

const UNSORTED = '';

/**
 * 今度読みたい資料: entries by category (and 未分類); move, remove, 予約する; add / rename / delete
 * categories.
 * @fires account-reload - after a change that alters the account's counts
 */
@customElement('shiori-wishlist-panel')
export class WishlistPanel extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      ul.entries { list-style: none; padding: 0; margin: 0; }
      li.entry { border: 0.0625rem solid var(--c-border); border-radius: var(--radius); padding: 0.5rem; margin: 0 0 0.5rem; display: grid; gap: 0.4rem; }
      .entry .title { font-weight: 700; }
      .row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
      section.category { margin-bottom: 1rem; }
      form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-end; }
      .field { display: grid; gap: 0.2rem; }
    `,
  ];

  @property({ attribute: false }) patron: PatronSummary | null = null;
  @property({ type: Boolean }) offline = false;

  @consume({ context: servicesContext })
  private services!: AppServices;

  @consume({ context: libraryContext, subscribe: true })
  private library: LibraryState = { info: null, failure: null };

  @state() private message: { kind: 'ok' | 'warn'; text: string } | null = null;

  private readonly wishlist = new Task(this, {
    task: async (_args, { signal }) => explained(fetchWishlist(this.services.api, signal)),
    args: () => [] as const,
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** The list as last loaded (shown on while it loads again). */
  private get list(): Wishlist | undefined {
    return this.wishlist.value;
  }

  private async run(action: () => Promise<unknown>, done: string, reloadAccount = false, hints: RefusalHints = {}): Promise<void> {
    const outcome = await attempt(action, done, { policy: this.library.info?.policy, ...hints });
    if (!outcome) return;
    this.message = outcome;
    if (outcome.kind === 'warn') return;
    await this.wishlist.run();
    if (reloadAccount) this.dispatchEvent(new CustomEvent('account-reload', { bubbles: true, composed: true }));
  }

  private hold(entry: WishlistEntry): void {
    const defaults = this.patron?.defaults;
    void this.run(
      () => placeHold(this.services.api, { bibId: entry.bibId, ...(defaults ? { pickupBranch: defaults.pickupBranch, contactMethod: defaults.contactMethod } : {}) }),
      `${entry.title}: ${msg('予約しました', { id: 'wishlist.held' })}`,
      true,
    );
  }

  private onAddCategory(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const input = form.querySelector('input')!;
    const name = input.value.trim();
    if (!name) return;
    void this.run(() => addCategory(this.services.api, name), msg('カテゴリを追加しました', { id: 'wishlist.category.added' }), false, { limitOf: 'categories' }).then(
      () => (input.value = ''),
    );
  }

  private renderEntry(entry: WishlistEntry) {
    const categories = this.list?.categories ?? [];
    const selectId = `move-${entry.id}`;
    const disabled = this.offline;
    return html`<li class="entry">
      <span class="title" id="wl-title-${entry.id}" lang="ja">${entry.title}</span>
      ${entry.author ? html`<span>${entry.author}</span>` : nothing}
      <div class="row">
        <label for=${selectId}>${msg('移動先', { id: 'wishlist.moveTo' })}</label>
        <select id=${selectId} ?disabled=${disabled} aria-describedby="wl-title-${entry.id}"
          @change=${(e: Event) => {
            const value = (e.target as HTMLSelectElement).value;
            void this.run(() => moveEntry(this.services.api, entry.id, value === UNSORTED ? null : value), msg('移動しました', { id: 'wishlist.moved' }));
          }}>
          <option value=${UNSORTED} ?selected=${entry.categoryId === null}>${msg('未分類', { id: 'wishlist.unsorted' })}</option>
          ${categories.map((c) => html`<option value=${c.id} ?selected=${entry.categoryId === c.id}>${c.name}</option>`)}
        </select>
        <button type="button" class="hold" ?disabled=${disabled} aria-describedby="wl-title-${entry.id}" @click=${() => this.hold(entry)}>${rt(msg('予約する', { id: 'wishlist.hold' }))}</button>
        <button type="button" class="secondary remove" ?disabled=${disabled} aria-describedby="wl-title-${entry.id}"
          @click=${() => this.run(() => removeEntry(this.services.api, entry.id), msg('削除しました', { id: 'wishlist.removed' }), true)}>${rt(msg('削除', { id: 'wishlist.remove' }))}</button>
      </div>
    </li>`;
  }

  private renderCategory(id: string | null, name: string) {
    const entries = (this.list?.entries ?? []).filter((e) => e.categoryId === id);
    const renameId = `rename-${id ?? 'none'}`;
    return html`<section class="category" aria-labelledby="cat-${id ?? 'none'}">
      <h3 id="cat-${id ?? 'none'}">${name} (${entries.length})</h3>
      ${id !== null && !this.offline
        ? html`<form class="no-print" @submit=${(e: SubmitEvent) => {
            e.preventDefault();
            const value = (e.target as HTMLFormElement).querySelector('input')!.value.trim();
            if (value) void this.run(() => renameCategory(this.services.api, id, value), msg('名前を変更しました', { id: 'wishlist.category.renamed' }));
          }}>
            <div class="field"><label for=${renameId}>${msg(str`「${name}」の新しい名前`, { id: 'wishlist.category.newName' })}</label>
              <input id=${renameId} .value=${name} maxlength="40"></div>
            <button type="submit" class="secondary">${msg('名前を変更', { id: 'wishlist.category.rename' })}</button>
            <button type="button" class="secondary" @click=${() => this.run(() => deleteCategory(this.services.api, id), msg('カテゴリを削除しました', { id: 'wishlist.category.deleted' }))}>${msg(str`「${name}」を削除`, { id: 'wishlist.category.delete' })}</button>
          </form>`
        : nothing}
      ${entries.length === 0 ? html`<p>${msg('登録はありません。', { id: 'wishlist.emptyCategory' })}</p>` : html`<ul class="entries">${entries.map((e) => this.renderEntry(e))}</ul>`}
    </section>`;
  }

  override render() {
    if (!this.list) {
      return this.wishlist.render({
        error: (error) => (showsFailure(error) ? html`<p class="notice warn">${loadFailureText(error)}</p>` : nothing),
        initial: () => html`<p>${msg('読み込み中…', { id: 'common.loading' })}</p>`,
        pending: () => html`<p>${msg('読み込み中…', { id: 'common.loading' })}</p>`,
      });
    }
    return html`
      ${this.message ? html`<p class="notice ${this.message.kind}">${this.message.text}</p>` : nothing}
      ${this.offline ? html`<p class="reason">${msg('オフラインのため使えません', { id: 'offline.unavailable' })}</p>` : nothing}
      ${this.renderCategory(null, msg('未分類', { id: 'wishlist.unsorted' }))}
      ${this.list.categories.map((c) => this.renderCategory(c.id, c.name))}
      ${this.offline
        ? nothing
        : html`<form class="no-print" @submit=${this.onAddCategory}>
            <div class="field"><label for="new-category">${msg('新しいカテゴリ', { id: 'wishlist.category.new' })}</label>
              <input id="new-category" maxlength="40"></div>
            <button type="submit">${msg('カテゴリを追加', { id: 'wishlist.category.add' })}</button>
          </form>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-wishlist-panel': WishlistPanel;
  }
}
