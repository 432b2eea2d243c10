import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import type { TitleDetail } from '../../../common/api.ts';
import { announce } from '../../app/announcer.ts';
import { cartContext, libraryContext, servicesContext, type AppServices, type LibraryState } from '../../app/context.ts';
import { askApp } from '../../app/events.ts';
import { href } from '../../app/navigate.ts';
import { explained, loadFailureText, showsFailure, failureText } from '../../app/page-load.ts';
import { ApiFailure } from '../../data/api.ts';
import { fetchTitle } from '../../data/catalog.ts';
import { placeHold } from '../../data/holds.ts';
import { plain, rt } from '../../i18n/ruby.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { availability, materialName } from '../holding/availability.ts';
import { holdFields, type HoldChoice } from '../holding/hold-fields.ts';
import { loadHoldStart } from '../holding/hold-defaults.ts';
import { titleStyles } from '../holding/title-styles.ts';

interface Outcome {
  bibId: string;
  title: string;
  placed: boolean;
  text: string;
}

/**
 * 予約カート (/cart): the titles collected on this device, each removable; one 受取館 and 連絡方法
 * for all (the patron's 初期設定 to start with); まとめて予約する places the holds one after another
 * and shows every title's outcome. Placed titles leave the cart, refused ones stay (nothing is
 * dropped silently). The titles and the 初期設定 load through @lit/task.
 * @fires shiori-cart-change - a title removed, or placed
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

  @consume({ context: servicesContext })
  private services!: AppServices;

  @consume({ context: libraryContext, subscribe: true })
  private library: LibraryState = { info: null, failure: null };

  @consume({ context: cartContext, subscribe: true })
  private bibIds: readonly string[] = [];

  /** What the patron changed of the 初期設定 (null: as loaded). */
  @state() private chosen: HoldChoice | null = null;
  @state() private busy = false;
  @state() private progress = '';
  @state() private outcomes: Outcome[] = [];
  /** Titles already looked up (a title no longer in the catalogue is 'missing'). */
  private readonly titles = new Map<string, TitleDetail | 'missing'>();

  private readonly titleLoad = new Task(this, {
    task: async ([bibIds], { signal }) => {
      const missing = bibIds.filter((id) => !this.titles.has(id));
      const found = await Promise.all(
        missing.map(async (id) => [id, await fetchTitle(this.services.api, id, signal).catch(() => 'missing' as const)] as const),
      );
      for (const [id, t] of found) this.titles.set(id, t);
    },
    args: () => [this.bibIds] as const,
  });

  private readonly defaults = new Task(this, {
    task: async (_args, { signal }) => explained(loadHoldStart(this.services.api, signal)),
    args: () => [] as const,
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  private get choice(): HoldChoice | null {
    return this.chosen ?? this.defaults.value?.choice ?? null;
  }

  private setCart(bibIds: readonly string[]): void {
    askApp(this, 'shiori-cart-change', { bibIds });
  }

  private titleOf(bibId: string): string {
    const t = this.titles.get(bibId);
    return t && t !== 'missing' ? t.title : bibId;
  }

  private removeItem(bibId: string, index: number): void {
    const title = this.titleOf(bibId);
    this.setCart(this.bibIds.filter((id) => id !== bibId));
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
        await placeHold(this.services.api, { bibId, pickupBranch, contactMethod });
        outcomes.push({ bibId, title, placed: true, text: msg('予約しました', { id: 'cart.outcome.placed' }) });
        // Out of the cart as soon as it is placed: a reload mid-way never places it twice.
        this.setCart(this.bibIds.filter((id) => id !== bibId));
      } catch (err) {
        if (err instanceof ApiFailure && err.status === 401) break; // session over: login, the rest stays
        outcomes.push({ bibId, title, placed: false, text: await failureText(err, { policy: this.library.info?.policy, notFound: 'title' }) });
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
      ${this.defaults.render({
        error: (error) => (showsFailure(error) ? html`<p class="notice warn" role="alert">${rt(loadFailureText(error))}</p>` : null),
      })}
      ${this.outcomes.length ? this.renderOutcomes() : null}
      ${count === 0
        ? html`<p>${rt(msg('予約カートは空です。かんたん検索や資料のページの「カートに入れる」で追加できます。', { id: 'cart.empty' }))}
            <a href=${href('/search')}>${rt(msg('かんたん検索', { id: 'search.heading' }))}</a></p>`
        : html`<ol class="cart" aria-busy=${this.titleLoad.status === TaskStatus.PENDING ? 'true' : 'false'}>${this.bibIds.map((id, i) => this.renderItem(id, i))}</ol>
            <form @submit=${this.placeAll} aria-labelledby="place-heading">
              <h2 id="place-heading">${rt(msg('まとめて予約する', { id: 'cart.placeAll' }))}</h2>
              ${this.choice
                ? holdFields({
                    idPrefix: 'cart',
                    value: this.choice,
                    policy: this.library.info?.policy,
                    onChange: (change) => (this.chosen = { ...this.choice!, ...change }),
                    hasEmail: this.defaults.value?.hasEmail ?? true,
                  })
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
