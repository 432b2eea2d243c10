import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { servicesContext, type AppServices } from '../../app/context.ts';
import { explained, LoadFailure, failureText } from '../../app/page-load.ts';
import { DialogBase } from '../../components/dialog-base.ts';
import { fetchWishlist } from '../../data/wishlist.ts';
import { addTitlesToWishlist } from '../../data/wishlist-entries.ts';
import { plain, rt } from '../../i18n/ruby.ts';
import type { HoldTarget } from './place-hold-dialog.ts';

declare global {
  interface HTMLElementEventMap {
    'wishlist-added': CustomEvent<{ title: string; categoryName: string }>;
  }
}

/**
 * 【今度読みたい資料に追加】: choose a category (未分類 or one the patron named); 追加する / 追加しない.
 * @fires wishlist-added - detail: { title, categoryName }
 */
@customElement('shiori-wishlist-add-dialog')
export class WishlistAddDialog extends DialogBase {
  @consume({ context: servicesContext })
  private services!: AppServices;

  /** The patron's categories, loaded each time the dialog opens. */
  private readonly wishlist = new Task(this, {
    task: async (_args, { signal }) => explained(fetchWishlist(this.services.api, signal)),
    args: () => [] as const,
    autoRun: false,
  });

  @state() private target: HoldTarget | null = null;
  @state() private categoryId = '';
  @state() private busy = false;
  @state() private problem = '';

  async show(target: HoldTarget, opener: HTMLElement | null): Promise<void> {
    this.target = target;
    this.problem = '';
    this.categoryId = '';
    await this.wishlist.run();
    if (this.wishlist.status === TaskStatus.ERROR) {
      const failure = this.wishlist.error;
      if (failure instanceof LoadFailure && failure.unauthenticated) return; // on the way to the login page
      this.problem = failure instanceof LoadFailure ? failure.text : String(failure);
    }
    await this.showFrom(opener);
    this.renderRoot.querySelector<HTMLSelectElement>('select')?.focus();
  }

  private get categories() {
    return this.wishlist.value?.categories ?? [];
  }

  private uncategorised(): string {
    return msg('未分類', { id: 'wishlist.unsorted' });
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!this.target || this.busy) return;
    this.busy = true;
    this.problem = '';
    try {
      await addTitlesToWishlist(this.services.api, [this.target.bibId], this.categoryId || null);
      const categoryName = this.categories.find((c) => c.id === this.categoryId)?.name ?? this.uncategorised();
      const detail = { title: this.target.title, categoryName };
      this.close();
      this.dispatchEvent(new CustomEvent('wishlist-added', { detail, bubbles: true, composed: true }));
    } catch (err) {
      this.problem = await failureText(err, { limitOf: 'entries' });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#wish-problem')?.focus();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const t = this.target;
    return html`<dialog aria-labelledby="wish-title" @close=${this.onDialogClose}>
      <h2 id="wish-title">【${rt(msg('今度読みたい資料に追加', { id: 'wishlistAdd.dialog.title' }))}】</h2>
      <form @submit=${this.submit}>
        ${t ? html`<dl><dt>${rt(msg('タイトル', { id: 'loans.col.title' }))}</dt><dd>${t.title}</dd></dl>` : null}
        <div class="field">
          <label for="wish-category">${rt(msg('カテゴリ', { id: 'wishlistAdd.category' }))}</label>
          <select id="wish-category" .value=${this.categoryId}
            @change=${(e: Event) => (this.categoryId = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${this.categoryId === ''}>${plain(this.uncategorised())}</option>
            ${this.categories.map((c) => html`<option value=${c.id} ?selected=${c.id === this.categoryId}>${c.name}</option>`)}
          </select>
        </div>
        ${this.problem ? html`<p id="wish-problem" class="notice warn" role="alert" tabindex="-1">${rt(this.problem)}</p>` : null}
        <div class="actions">
          <button type="submit" class="confirm" ?disabled=${this.busy}>${rt(msg('追加する', { id: 'wishlistAdd.confirm' }))}</button>
          <button type="button" class="secondary cancel" @click=${() => this.close()}>${rt(msg('追加しない', { id: 'wishlistAdd.cancel' }))}</button>
        </div>
      </form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-wishlist-add-dialog': WishlistAddDialog;
  }
}
