import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { consume } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { DEFAULT_CARD_BARCODE, type CardBarcode } from '../../../common/api.ts';
import { kioskContext, libraryContext, servicesContext, type AppServices, type LibraryState } from '../../app/context.ts';
import { explained, loadFailureText, showsFailure } from '../../app/page-load.ts';
import { fetchAccount, type AccountView } from '../../data/account.ts';
import { formatDate, formatInstant, prepareDateFormats } from '../../i18n/labels.ts';
import { rt } from '../../i18n/ruby.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { crumbs } from '../forms/crumbs.ts';
import { ScreenWakeLock } from './wake-lock.ts';

/** How each symbology is called where the page names it (its technical name, the same in every language). */
const SYMBOLOGY_NAMES: Record<CardBarcode, string> = { codabar: 'NW-7', code39: 'CODE39', code128: 'CODE128', qrcode: 'QR' };

/**
 * 利用者カード (/card, [docs/rules.md#card](../../../docs/rules.md#card)): the card number as a
 * barcode in the library's symbology (policy `card.barcode`), the digits large beneath it, the
 * 有効期限日 (and 有効期限切れ in words), and 画面を明るくしてください. The number comes from the
 * account snapshot — offline, the service worker answers it from the device — and the barcode
 * module (bwip-js) loads only here, once there is a number to draw. The screen is kept awake
 * while the page is shown. Never on a kiosk: the route is absent there, and should the app learn
 * it is a kiosk while the page is open, the page shows nothing personal.
 */
@customElement('shiori-card-page')
export class CardPage extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .card { max-width: 32rem; }
      figure { margin: 0.5rem 0; }
      /* Black on white with its quiet zone in every palette: what the desk's scanner needs. */
      .symbol { background: #fff; padding: 0.25rem; border: 0.0625rem solid var(--c-border); border-radius: var(--radius); }
      .symbol svg { display: block; width: 100%; height: auto; }
      .symbol.qrcode { max-width: min(100%, 16rem); }
      .symbol.loading { min-height: 6rem; display: grid; place-items: center; color: #000; }
      /* Large, yet always on the screen: never wider than a phone's width allows. */
      .digits {
        margin: 0.5rem 0 0;
        font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
        font-size: min(2.5rem, 9vw);
        font-weight: 700;
        letter-spacing: 0.06em;
        font-variant-numeric: tabular-nums;
        line-height: 1.2;
        overflow-wrap: anywhere;
      }
      .expires { font-size: 1.25rem; display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; align-items: center; }
    `,
  ];

  @consume({ context: servicesContext })
  private services!: AppServices;

  @consume({ context: libraryContext, subscribe: true })
  @state()
  private library: LibraryState = { info: null, failure: null };

  @consume({ context: kioskContext, subscribe: true })
  @state()
  private kiosk = false;

  private readonly wakeLock = new ScreenWakeLock(this, () => !this.kiosk);

  private readonly account = new Task(this, {
    task: async ([kiosk], { signal }): Promise<AccountView | null> => {
      if (kiosk) return null;
      const answer = fetchAccount(this.services.api, signal);
      prepareDateFormats(this.library.info?.policy.timeZone);
      return explained(answer);
    },
    args: () => [this.kiosk] as const,
  });

  /** The symbol, drawn once the number and the library's symbology are known. */
  private readonly barcode = new Task(this, {
    task: async ([symbology, cardNumber]) => {
      if (!symbology || !cardNumber) return null;
      const { cardBarcodeSvg } = await import('./card-barcode.ts');
      return cardBarcodeSvg(symbology, cardNumber);
    },
    args: () => [this.symbology(), this.account.value?.snapshot.patron.cardNumber ?? null] as const,
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** The library's symbology; null while GET /api/library is still on its way (codabar, the default, when it failed or predates the field). */
  private symbology(): CardBarcode | null {
    const { info, failure } = this.library;
    if (info) return info.policy.card?.barcode ?? DEFAULT_CARD_BARCODE;
    return failure ? DEFAULT_CARD_BARCODE : null;
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('kiosk')) this.wakeLock.sync();
  }

  override render() {
    const title = msg('利用者カード', { id: 'menu.card' });
    const loading = html`<p role="status">${rt(msg('読み込んでいます…', { id: 'title.loading' }))}</p>`;
    return html`
      ${crumbs(title)}
      <h1>${rt(title)}</h1>
      ${this.kiosk
        ? html`<p class="notice">${rt(msg('利用者カードは、共用の端末では表示しません。ご自分の端末で開いてください。', { id: 'card.notOnKiosk' }))}</p>`
        : this.account.render({
            initial: () => loading,
            pending: () => (this.account.value ? this.renderCard(this.account.value) : loading),
            error: (error) => (showsFailure(error) ? html`<p class="notice warn" role="alert">${rt(loadFailureText(error))}</p>` : nothing),
            complete: (view) => (view ? this.renderCard(view) : nothing),
          })}
    `;
  }

  private renderCard(view: AccountView) {
    const { patron } = view.snapshot;
    const cardNumber = patron.cardNumber ?? null;
    return html`
      ${view.offlineAsOf
        ? html`<p class="notice pending offline-banner"><span aria-hidden="true">⚠</span> ${msg(str`オフライン表示中（${formatInstant(view.offlineAsOf, this.library.info?.policy.timeZone)} 時点）`, { id: 'offline.banner' })}</p>`
        : nothing}
      <section class="card" aria-labelledby="card-number-label">
        ${cardNumber
          ? html`<figure>
              ${this.renderSymbol()}
              <figcaption class="digits"><span class="visually-hidden" id="card-number-label">${msg('利用券番号', { id: 'card.number' })}:</span>${cardNumber}</figcaption>
            </figure>`
          : html`<h2 class="visually-hidden" id="card-number-label">${msg('利用券番号', { id: 'card.number' })}</h2>
              <p class="notice warn">${rt(msg('この端末にはカードの番号がまだありません。インターネットにつながっているときに、もう一度開いてください。', { id: 'card.noNumber' }))}</p>`}
        <p class="expires">
          <span>${msg(str`有効期限日:${formatDate(patron.cardExpiresOn)}`, { id: 'account.expires' })}</span>
          ${patron.cardExpired ? html`<span class="badge warn"><span aria-hidden="true">⚠</span> ${rt(msg('有効期限切れ', { id: 'card.expired' }))}</span>` : nothing}
        </p>
        ${patron.cardExpired
          ? html`<p class="notice warn">${rt(msg('利用券の有効期限が切れています。延長や予約はできません。窓口で更新してください。', { id: 'account.cardExpired' }))}</p>`
          : nothing}
        <p class="notice bright"><span aria-hidden="true">☀</span> ${rt(msg('画面を明るくしてください。', { id: 'card.brighten' }))}</p>
      </section>
    `;
  }

  private renderSymbol() {
    const symbology = this.symbology() ?? DEFAULT_CARD_BARCODE;
    const label = msg(str`利用券番号のバーコード（${SYMBOLOGY_NAMES[symbology]}）`, { id: 'card.barcodeLabel' });
    return this.barcode.render({
      initial: () => html`<div class="symbol loading" role="status">${rt(msg('読み込んでいます…', { id: 'title.loading' }))}</div>`,
      pending: () => html`<div class="symbol loading" role="status">${rt(msg('読み込んでいます…', { id: 'title.loading' }))}</div>`,
      complete: (svg) => (svg ? html`<div class="symbol ${symbology}" role="img" aria-label=${label} data-symbology=${symbology}>${unsafeHTML(svg)}</div>` : nothing),
      error: () => html`<p class="notice warn" role="alert">${rt(msg('バーコードを表示できませんでした。番号を窓口でお伝えください。', { id: 'card.barcodeFailed' }))}</p>`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-card-page': CardPage;
  }
}
