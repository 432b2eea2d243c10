/**
 * 予約する · 今度読みたい資料に追加 · カートに入れる for a title, shared by the search results and
 * the title page. The host page renders `buttons(item)` per title and `dialogs()` once; outcomes
 * are announced (live region) and shown in `notice()` near the top of the page.
 */
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ContextConsumer } from '@lit/context';
import { msg, str } from '@lit/localize';
import { announce } from '../../app/announcer.ts';
import { cartContext } from '../../app/context.ts';
import { askApp } from '../../app/events.ts';
import { href } from '../../app/navigate.ts';
import { plain, rt } from '../../i18n/ruby.ts';
import type { PlaceHoldDialog, HoldTarget } from './place-hold-dialog.ts';
import type { WishlistAddDialog } from './wishlist-add-dialog.ts';
import './place-hold-dialog.ts';
import './wishlist-add-dialog.ts';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

export class TitleActionsController {
  /** The last outcome, shown on the page as well as announced. */
  message: { kind: 'ok' | 'warn'; text: string } | null = null;
  /** The 予約カート (the host re-renders when it changes). */
  private readonly cart: ContextConsumer<typeof cartContext, Host>;

  constructor(private readonly host: Host) {
    this.cart = new ContextConsumer(host, { context: cartContext, subscribe: true });
  }

  private get cartItems(): readonly string[] {
    return this.cart.value ?? [];
  }

  private say(kind: 'ok' | 'warn', text: string): void {
    this.message = { kind, text };
    announce(plain(text));
    this.host.requestUpdate();
  }

  private dialog<T extends Element>(selector: string): T | null {
    return this.host.renderRoot.querySelector<T>(selector);
  }

  private openHold(item: HoldTarget, e: Event): void {
    void this.dialog<PlaceHoldDialog>('shiori-place-hold-dialog')?.show(item, e.currentTarget as HTMLElement);
  }

  private openWishlist(item: HoldTarget, e: Event): void {
    void this.dialog<WishlistAddDialog>('shiori-wishlist-add-dialog')?.show(item, e.currentTarget as HTMLElement);
  }

  private putInCart(item: HoldTarget): void {
    askApp(this.host, 'shiori-cart-change', { bibIds: [...this.cartItems, item.bibId] });
    const count = this.cartItems.length;
    this.say('ok', msg(str`「${item.title}」を予約カートに入れました（${count}件）。`, { id: 'titleActions.cart.added' }));
  }

  /** The three buttons; `describedBy` names the element holding the title (button names repeat). */
  buttons(item: HoldTarget, describedBy: string): TemplateResult {
    const inCart = this.cartItems.includes(item.bibId);
    return html`<div class="title-actions">
      <button type="button" class="hold" aria-describedby=${describedBy} @click=${(e: Event) => this.openHold(item, e)}>
        ${rt(msg('予約する', { id: 'placeHold.confirm' }))}
      </button>
      <button type="button" class="secondary wish" aria-describedby=${describedBy} @click=${(e: Event) => this.openWishlist(item, e)}>
        ${rt(msg('今度読みたい資料に追加', { id: 'wishlistAdd.dialog.title' }))}
      </button>
      ${inCart
        ? html`<a class="in-cart" href=${href('/cart')} aria-describedby=${describedBy}>${rt(msg('予約カートに入っています', { id: 'titleActions.inCart' }))}</a>`
        : html`<button type="button" class="secondary cart" aria-describedby=${describedBy} @click=${() => this.putInCart(item)}>
            ${rt(msg('カートに入れる', { id: 'titleActions.addToCart' }))}
          </button>`}
    </div>`;
  }

  dialogs(): TemplateResult {
    return html`<shiori-place-hold-dialog
        @hold-placed=${(e: HTMLElementEventMap['hold-placed']) =>
          this.say('ok', msg(str`「${e.detail.title}」を予約しました。`, { id: 'titleActions.hold.placed' }))}
      ></shiori-place-hold-dialog>
      <shiori-wishlist-add-dialog
        @wishlist-added=${(e: HTMLElementEventMap['wishlist-added']) =>
          this.say('ok', msg(str`「${e.detail.title}」を今度読みたい資料（${e.detail.categoryName}）に追加しました。`, { id: 'titleActions.wishlist.added' }))}
      ></shiori-wishlist-add-dialog>`;
  }

  notice(): TemplateResult | null {
    const m = this.message;
    return m ? html`<p class="notice ${m.kind}">${rt(m.text)}</p>` : null;
  }
}
