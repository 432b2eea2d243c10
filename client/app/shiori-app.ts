import { LitElement, html, css, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Router, type Route } from '@vaadin/router';
import type { PatronSummary } from '../../common/api.ts';
import { announce } from './announcer.ts';
import { pendingRenewalCount, setPendingRenewalCount } from './account-state.ts';
import { CART_CHANGED_EVENT, cartItems } from './cart-store.ts';
import { enterKioskMode, isKiosk, routePrefix } from './kiosk.ts';
import { patronMenu, siteLinks } from './menu.ts';
import { href, navigate } from './navigate.ts';
import { notFoundRoute, pageRoutes, type PageRoute } from './routes.ts';
import { SESSION_CHANGED_EVENT, currentPatron, fetchSession, logOut } from '../data/session.ts';
import { forgetPatron } from '../data/sw-bridge.ts';
import { plain, rt } from '../i18n/ruby.ts';
import { sharedStyles } from '../styles/shared.ts';
import '../components/confirm-dialog.ts';
import type { ConfirmDialog } from '../components/confirm-dialog.ts';
import './display-options-bar.ts';

function toRouterRoute(prefix: string, r: PageRoute): Route {
  return {
    path: `${prefix}${r.path}`,
    component: r.tag,
    action: async () => {
      await r.load();
      return undefined;
    },
  };
}

/**
 * The app shell: header (library name, 利用者のページ menu, login state, 予約カート, display options),
 * the routed page, and the logout flow. On a kiosk the router starts only after the handover has
 * ended any session the browser still carries (client/pwa/kiosk-handover.ts).
 */
@customElement('shiori-app')
export class ShioriApp extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .skip { position: absolute; inset-inline-start: -100vw; }
      .skip:focus { inset-inline-start: 0.5rem; top: 0.5rem; background: var(--c-bg); padding: 0.5rem; z-index: 10; }
      header { border-bottom: 0.25rem solid var(--c-primary); background: var(--c-surface); }
      .bar { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; padding: 0.5rem 1rem; }
      .brand { font-weight: 700; font-size: 1.2rem; color: var(--c-text); text-decoration: none; margin-inline-end: auto; }
      nav { position: relative; }
      nav ul { position: absolute; z-index: 5; margin: 0.25rem 0 0; padding: 0.25rem; list-style: none; background: var(--c-bg); border: 0.125rem solid var(--c-primary); border-radius: var(--radius); min-width: 14rem; max-width: calc(100vw - 2rem); }
      nav li a { display: flex; align-items: center; min-height: var(--target); padding: 0 0.5rem; }
      .session { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
      .status::before { content: '● '; color: var(--c-ok-border); }
      .options { padding: 0.25rem 1rem 0.5rem; }
      main { padding: 0.5rem 1rem 2rem; max-width: 80rem; margin: 0 auto; }
      main:focus { outline: none; }
      .kiosk { background: var(--c-pending-bg); padding: 0.25rem 1rem; font-weight: 700; }
      @media print {
        header, .skip, .kiosk { display: none !important; }
        main { padding: 0; max-width: none; }
      }
    `,
  ];

  @state() private patron: PatronSummary | null = currentPatron();
  @state() private menuOpen = false;
  @state() private cartCount = cartItems().length;
  /** Kiosk start: the previous patron's session could not be ended yet (the server is unreachable). */
  @state() private handingOver = false;
  @query('main') private main!: HTMLElement;
  @query('#outlet') private outlet!: HTMLElement;
  @query('shiori-confirm-dialog') private confirmDialog!: ConfirmDialog;
  private router: Router | null = null;
  private firstNavigation = true;
  /** Resolves when pages may be shown: at once, or on a kiosk after the handover. */
  private pagesAllowed: Promise<void> = Promise.resolve();

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(SESSION_CHANGED_EVENT, this.onSession);
    window.addEventListener(CART_CHANGED_EVENT, this.onCart);
    window.addEventListener('vaadin-router-location-changed', this.onLocation);
    if (isKiosk()) {
      // Nobody is logged in after the handover: no session to ask about.
      this.pagesAllowed = this.handOver();
      return;
    }
    void fetchSession().then((info) => {
      if (info?.kiosk) enterKioskMode();
    });
  }

  private async handOver(): Promise<void> {
    const { handOverKiosk } = await import('../pwa/kiosk-handover.ts');
    await handOverKiosk(() => {
      this.handingOver = true;
      announce(msg('前の利用者のログアウト処理中…', { id: 'kiosk.handover' }));
    });
    this.handingOver = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(SESSION_CHANGED_EVENT, this.onSession);
    window.removeEventListener(CART_CHANGED_EVENT, this.onCart);
    window.removeEventListener('vaadin-router-location-changed', this.onLocation);
    this.router?.unsubscribe();
  }

  protected override firstUpdated(): void {
    const prefix = routePrefix();
    const router = new Router(this.outlet);
    this.router = router;
    void this.pagesAllowed.then(() =>
      router.setRoutes([
        { path: `${prefix}/`, redirect: `${prefix}/account` },
        ...(prefix ? [{ path: prefix, redirect: `${prefix}/account` }] : []),
        ...pageRoutes.filter((r) => !(r.notOnKiosk && isKiosk())).map((r) => toRouterRoute(prefix, r)),
        toRouterRoute(prefix, notFoundRoute),
      ]),
    );
  }

  private onSession = () => {
    this.patron = currentPatron();
  };

  private onCart = () => {
    this.cartCount = cartItems().length;
  };

  private onLocation = () => {
    this.menuOpen = false;
    const path = location.pathname.slice(routePrefix().length);
    const route = pageRoutes.find((r) => (r.path.includes(':') ? path.startsWith(r.path.split('/:')[0]!) : r.path === path)) ?? notFoundRoute;
    document.title = `${plain(route.title())} — ${plain(msg('小金井市立図書館', { id: 'app.library' }))}`;
    // Move the reader to the new page (not on the first load: the page starts at the top anyway).
    if (!this.firstNavigation) this.main?.focus();
    this.firstNavigation = false;
  };

  private async logout(e: Event): Promise<void> {
    const opener = e.currentTarget as HTMLElement;
    if (pendingRenewalCount() > 0) {
      const ok = await this.confirmDialog.ask(
        {
          title: msg('ログアウトしますか？', { id: 'logout.confirm.title' }),
          message: msg('送信待ちの延長はまだ図書館に送られていません。ログアウトすると取り消されます。', { id: 'logout.confirm.message' }),
          confirm: msg('ログアウト', { id: 'header.logout' }),
          cancel: msg('ログアウトしない', { id: 'logout.confirm.cancel' }),
        },
        opener,
      );
      if (!ok) return;
    }
    setPendingRenewalCount(0);
    if (isKiosk()) {
      // Forget everything on the shared device and start again at the kiosk login.
      const { wipeKioskDevice } = await import('../pwa/kiosk-wipe.ts');
      await wipeKioskDevice();
      return;
    }
    const patron = currentPatron();
    if (patron) forgetPatron(patron.id);
    await logOut().catch(() => undefined);
    announce(msg('ログアウトしました', { id: 'logout.done' }));
    navigate('/login');
  }

  private onMenuKey(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.menuOpen) {
      this.menuOpen = false;
      this.renderRoot.querySelector<HTMLElement>('#menu-button')?.focus();
    }
  }

  override render() {
    const count = this.cartCount;
    return html`
      <button type="button" class="skip" @click=${() => this.main.focus()}>${msg('本文へ移動', { id: 'app.skip' })}</button>
      ${isKiosk() ? html`<p class="kiosk">${msg('共用端末モード：この端末には個人の情報を残しません。', { id: 'app.kiosk' })}</p>` : nothing}
      <header>
        <div class="bar">
          <a class="brand" href=${href('/')}>${rt(msg('小金井市立図書館', { id: 'app.library' }))}</a>
          ${siteLinks.map((m) => html`<a class="site-link" href=${href(m.path)}>${rt(m.label())}</a>`)}
          <nav aria-label=${plain(msg('利用者のページ', { id: 'menu.patron' }))} @keydown=${this.onMenuKey}>
            <button type="button" id="menu-button" class="secondary" aria-expanded=${this.menuOpen ? 'true' : 'false'} aria-controls="patron-menu"
              @click=${() => (this.menuOpen = !this.menuOpen)}>${rt(msg('利用者のページ', { id: 'menu.patron' }))} <span aria-hidden="true">▾</span></button>
            <ul id="patron-menu" ?hidden=${!this.menuOpen}>
              ${patronMenu.filter((m) => !(m.notOnKiosk && isKiosk())).map((m) => html`<li><a href=${href(m.path)}>${rt(m.label())}</a></li>`)}
            </ul>
          </nav>
          <div class="session">
            ${this.patron
              ? html`<span class="status">${rt(msg('ログインしています', { id: 'header.loggedIn' }))}</span>
                  <button type="button" class="secondary logout" @click=${this.logout}>${rt(msg('ログアウト', { id: 'header.logout' }))}</button>`
              : html`<a class="button login" href=${href('/login')}>${rt(msg('ログイン', { id: 'header.login' }))}</a>`}
          </div>
          <a class="cart" href=${href('/cart')}>${rt(msg(str`予約カート(${count}件)`, { id: 'header.cart' }))}</a>
        </div>
        <shiori-display-options class="options"></shiori-display-options>
      </header>
      <main id="main" tabindex="-1">
        ${this.handingOver ? html`<p class="notice pending handover">${rt(msg('前の利用者のログアウト処理中…', { id: 'kiosk.handover' }))}</p>` : nothing}
        <div id="outlet"></div>
      </main>
      <shiori-confirm-dialog></shiori-confirm-dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-app': ShioriApp;
  }
}
