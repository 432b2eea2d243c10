import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import type { TitleDetail } from '../../../common/api.ts';
import { announce } from '../../app/announcer.ts';
import { CART_CHANGED_EVENT, cartItems, setCartItems } from '../../app/cart-store.ts';
import { href } from '../../app/navigate.ts';
import { ApiFailure } from '../../data/api.ts';
import { fetchTitle } from '../../data/catalog.ts';
import { placeHold } from '../../data/holds.ts';
import { errorText } from '../../i18n/labels.ts';
import { plain, rt } from '../../i18n/ruby.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { availability, materialName } from '../holding/availability.ts';
import { holdFields, type HoldChoice } from '../holding/hold-fields.ts';
import { loadHoldStart } from '../holding/hold-defaults.ts';
import { holdRefusalText } from '../holding/refusals.ts';
import { titleStyles } from '../holding/title-styles.ts';

interface Outcome {
  bibId: string;
  title: string;
  placed: boolean;
  text: string;
}

/**
 * 予約カート (/cart): the titles collected on this device, each removable; one 受取館 and 連絡方法
 * for all; まとめて予約する places the holds one after another and shows every title's outcome.
 * Placed titles leave the cart, refused ones stay (nothing is dropped silently).
 */
@customElement('shiori-cart-page')
export class CartPage extends LitElement {
  static override styles = [
    sharedStyles,
    titleStyles,
    css`
      ol.cart { padding-inline-start: 1.5rem; }
      ol.cart > li { border-bottom: 0.0625rem solid var(--c-border); padding: 0.5rem 0; }
      ol.cart h2.item { margin: 0; font-size: 1.1rem; }
      form { max-width: 36rem; }
      .field { display: grid; gap: 0.25rem; margin: 0.5rem 0; }
      ul.outcomes { list-style: none; padding: 0; }
      ul.outcomes li { margin: 0.35rem 0; }
    `,
  ];

  @state() private bibIds: string[] = cartItems();
  @state() private titles = new Map<string, TitleDetail | 'missing'>();
  @state() private choice: HoldChoice | null = null;
  @state() private hasEmail = true;
  @state() private busy = false;
  @state() private progress = '';
  @state() private outcomes: Outcome[] = [];
  @state() private problem = '';
  private readonly onCartChanged = () => {
    this.bibIds = cartItems();
    void this.loadTitles();
  };

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(CART_CHANGED_EVENT, this.onCartChanged);
    this.bibIds = cartItems();
    void this.loadTitles();
    void this.loadDefaults();
  }

  override disconnectedCallback(): void {
    window.removeEventListener(CART_CHANGED_EVENT, this.onCartChanged);
    super.disconnectedCallback();
  }

  private async loadDefaults(): Promise<void> {
    try {
      const start = await loadHoldStart();
      this.choice = start.choice;
      this.hasEmail = start.hasEmail;
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 401) return; // on the way to the login page
      this.problem = e instanceof ApiFailure ? errorText(e) : String(e);
    }
  }

  private async loadTitles(): Promise<void> {
    const missing = this.bibIds.filter((id) => !this.titles.has(id));
    if (missing.length === 0) return;
    const found = await Promise.all(
      missing.map(async (id) => [id, await fetchTitle(id).catch(() => 'missing' as const)] as const),
    );
    const next = new Map(this.titles);
    for (const [id, t] of found) next.set(id, t);
    this.titles = next;
  }

  private titleOf(bibId: string): string {
    const t = this.titles.get(bibId);
    return t && t !== 'missing' ? t.title : bibId;
  }

  private removeItem(bibId: string, index: number): void {
    const title = this.titleOf(bibId);
    setCartItems(cartItems().filter((id) => id !== bibId));
    announce(plain(msg(str`「${title}」を予約カートから削除しました。`, { id: 'cart.removed' })));
    // Keep the focus in the list: the next item's 削除, else the heading.
    void this.updateComplete.then(() => {
      const buttons = this.renderRoot.querySelectorAll<HTMLElement>('button.remove');
      (buttons[Math.min(index, buttons.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('h1'))?.focus();
    });
  }

  private async placeAll(e: Event): Promise<void> {
    e.preventDefault();
    if (!this.choice || this.busy || this.bibIds.length === 0) return;
    this.busy = true;
    this.outcomes = [];
    const { pickupBranch, contactMethod } = this.choice;
    const queue = [...this.bibIds];
    const outcomes: Outcome[] = [];
    for (const [i, bibId] of queue.entries()) {
      const title = this.titleOf(bibId);
      this.progress = plain(msg(str`予約しています（${i + 1} / ${queue.length}）…`, { id: 'cart.progress' }));
      try {
        await placeHold({ bibId, pickupBranch, contactMethod });
        outcomes.push({ bibId, title, placed: true, text: msg('予約しました', { id: 'cart.outcome.placed' }) });
        // Out of the cart as soon as it is placed: a reload mid-way never places it twice.
        setCartItems(cartItems().filter((id) => id !== bibId));
      } catch (err) {
        if (err instanceof ApiFailure && err.status === 401) break; // session over: login, the rest stays
        const text = err instanceof ApiFailure ? holdRefusalText(err) : String(err);
        outcomes.push({ bibId, title, placed: false, text });
      }
      this.outcomes = [...outcomes];
    }
    this.busy = false;
    this.progress = '';
    const placed = outcomes.filter((o) => o.placed).length;
    const refused = outcomes.length - placed;
    announce(plain(msg(str`${placed}件を予約しました。${refused}件は予約できませんでした。`, { id: 'cart.summary' })));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#outcomes-heading')?.focus();
  }

  private renderItem(bibId: string, index: number) {
    const t = this.titles.get(bibId);
    const id = `cart-${index}`;
    return html`<li>
      ${t === 'missing'
        ? html`<h2 id=${id} class="item">${bibId}</h2><p class="reason">${rt(msg('この資料は見つかりませんでした。', { id: 'hold.refused.not_found' }))}</p>`
        : t
          ? html`<h2 id=${id} class="item"><a href=${href(`/titles/${encodeURIComponent(bibId)}`)}>${t.title}</a></h2>
              <p class="facts">${rt(materialName(t.materialType))}${t.author ? html` · ${t.author}` : null}</p>
              ${availability(t)}`
          : html`<h2 id=${id} class="item">${bibId}</h2>`}
      <button type="button" class="secondary remove" aria-describedby=${id} ?disabled=${this.busy} @click=${() => this.removeItem(bibId, index)}>
        ${rt(msg('削除', { id: 'cart.remove' }))}
      </button>
    </li>`;
  }

  private renderOutcomes() {
    const placed = this.outcomes.filter((o) => o.placed).length;
    const refused = this.outcomes.length - placed;
    return html`<section aria-labelledby="outcomes-heading">
      <h2 id="outcomes-heading" tabindex="-1">${rt(msg('予約の結果', { id: 'cart.outcomes' }))}</h2>
      <p>${rt(msg(str`${placed}件を予約しました。${refused}件は予約できませんでした。`, { id: 'cart.summary' }))}</p>
      <ul class="outcomes">
        ${this.outcomes.map(
          (o) => html`<li class="notice ${o.placed ? 'ok' : 'warn'}">
            <span aria-hidden="true">${o.placed ? '○' : '×'}</span>
            <strong>${o.title}</strong>: ${rt(o.text)}
          </li>`,
        )}
      </ul>
      ${placed > 0 ? html`<p><a href=${href('/account/holds')}>${rt(msg('予約の一覧を見る', { id: 'cart.toHolds' }))}</a></p>` : null}
    </section>`;
  }

  override render() {
    const count = this.bibIds.length;
    return html`
      <h1 tabindex="-1">${rt(msg(str`予約カート(${count}件)`, { id: 'cart.heading' }))}</h1>
      ${this.problem ? html`<p class="notice warn" role="alert">${rt(this.problem)}</p>` : null}
      ${this.outcomes.length ? this.renderOutcomes() : null}
      ${count === 0
        ? html`<p>${rt(msg('予約カートは空です。かんたん検索や資料のページの「カートに入れる」で追加できます。', { id: 'cart.empty' }))}
            <a href=${href('/search')}>${rt(msg('かんたん検索', { id: 'search.heading' }))}</a></p>`
        : html`<ol class="cart">${this.bibIds.map((id, i) => this.renderItem(id, i))}</ol>
            <form @submit=${this.placeAll} aria-labelledby="place-heading">
              <h2 id="place-heading">${rt(msg('まとめて予約する', { id: 'cart.placeAll' }))}</h2>
              ${this.choice
                ? holdFields({ idPrefix: 'cart', value: this.choice, onChange: (change) => (this.choice = { ...this.choice!, ...change }), hasEmail: this.hasEmail })
                : null}
              <button type="submit" ?disabled=${this.busy || !this.choice}>
                ${rt(msg(str`${count}件をまとめて予約する`, { id: 'cart.placeAll.button' }))}
              </button>
              ${this.progress ? html`<p role="status">${this.progress}</p>` : null}
            </form>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-cart-page': CartPage;
  }
}
