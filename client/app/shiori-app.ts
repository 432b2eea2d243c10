import { LitElement, html, css, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Router, type Route, type VaadinRouterLocationChangedEvent } from '@vaadin/router';
import { hasKioskFlag } from '../../common/kiosk.ts';
import { announce } from './announcer.ts';
import { AppState } from './app-state.ts';
import { storedCart } from './cart-store.ts';
import { appliedDisplayOptions } from './display-options.ts';
import { kioskAtStart, routePrefix } from './kiosk.ts';
import { patronMenu, siteLinks } from './menu.ts';
import { href, navigate } from './navigate.ts';
import { notFoundRoute, pageRoutes, routeForPath, type PageRoute } from './routes.ts';
import { fetchSession } from '../data/session.ts';
import { plain, rt } from '../i18n/ruby.ts';
import { KioskInstallGuard } from '../pwa/install-guard.ts';
import { kioskIdleOverrideMs } from '../pwa/kiosk-timeout.ts';
import { NarrowScreenController, narrowScreen } from '../styles/narrow-screen.ts';
import { sharedStyles } from '../styles/shared.ts';
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
 * The app shell: header (library name, 利用者のページ menu, login state, 予約カート, display options;
 * below 40em one row — the name, the login state and one メニュー button holding the rest),
 * the routed page, the logout flow, and kiosk mode's page side. It owns the app's state
 * (client/app/app-state.ts) and provides it to every page. On a kiosk the router starts only after
 * the handover has ended any session the browser still carries (client/pwa/kiosk-handover.ts); the
 * idle countdown runs while a kiosk patron is logged in, and its end wipes the device.
 */
@customElement('shiori-app')
export class ShioriApp extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .skip { position: absolute; inset-inline-start: -100vw; max-width: calc(100vw - 1rem); }
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
      .compact { flex-wrap: nowrap; gap: 0.5rem; padding: 0.25rem 0.5rem 0.25rem 1rem; }
      .compact .brand { font-size: 1.05rem; min-width: 0; }
      .compact .status { font-size: 0.875rem; min-width: 0; }
      .compact .menu-toggle { flex: none; padding-inline: 0.6rem; }
      .site-menu { padding: 0 1rem 0.5rem; display: grid; gap: 0.25rem; justify-items: start; }
      .site-menu .menu-heading { display: block; font-weight: 700; margin-top: 0.25rem; }
      .site-menu nav ul { position: static; margin: 0; padding: 0; border: none; min-width: 0; background: none; }
      .site-menu a:not(.button) { display: flex; align-items: center; min-height: var(--target); }
      @media screen and ${narrowScreen} {
        .options { padding-top: 0; }
      }
      main { padding: 0.5rem 1rem 2rem; max-width: 80rem; margin: 0 auto; }
      main:focus { outline: none; }
      .kiosk { background: var(--c-pending-bg); padding: 0.25rem 1rem; font-weight: 700; }
      @media print {
        header, .skip, .kiosk { display: none !important; }
        main { padding: 0; max-width: none; }
      }
    `,
  ];

  readonly state = new AppState(this, {
    kiosk: kioskAtStart(),
    display: appliedDisplayOptions(),
    cart: storedCart(kioskAtStart()),
    // A KIOSK=1 server, and the page started without knowing (its flag cookie had gone). The answer
    // set the flag again: start over as a kiosk (handover, nothing stored). Without cookies, carry on
    // in kiosk mode from here.
    onServerSaysKiosk: (s) => (hasKioskFlag(document.cookie) ? window.location.reload() : s.enterKioskMode()),
  });

  /** The 利用者のページ drop-down of the full header. */
  @state() private menuOpen = false;
  /** The phone header's メニュー (everything but the name and the login state). */
  @state() private siteMenuOpen = false;
  private readonly screen = new NarrowScreenController(this);
  /** Kiosk start: the previous patron's session could not be ended yet (the server is unreachable). */
  @state() private handingOver = false;
  /** The kiosk countdown's chunk has arrived. */
  @state() private timerLoaded = false;
  @query('main') private main!: HTMLElement;
  @query('#outlet') private outlet!: HTMLElement;
  @query('shiori-confirm-dialog') private confirmDialog!: ConfirmDialog;
  private router: Router | null = null;
  private firstNavigation = true;
  /** Resolves when pages may be shown: at once, or on a kiosk after the handover. */
  private pagesAllowed: Promise<void> = Promise.resolve();
  /** The first URL's query, where `?kioskIdleSeconds=N` counts (the router may move on). */
  private readonly firstSearch = window.location.search;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    new KioskInstallGuard(this, () => this.state.kiosk);
  }

  override connectedCallback(): void {
    if (this.state.kiosk) {
      // Nothing reaches the server before the previous patron's session has ended, not even
      // GET /api/library (it would carry that session's cookie). Nobody is logged in afterwards:
      // no session to ask about.
      this.pagesAllowed = this.handOver();
      this.state.loadLibraryAfter(this.pagesAllowed);
    }
    super.connectedCallback();
    window.addEventListener('vaadin-router-location-changed', this.onLocation);
    if (this.state.kiosk) return;
    void fetchSession(this.state.services.api).then((info) => {
      if (info?.kiosk) this.state.enterKioskMode();
      if (info) this.state.setPatron(info.patron);
    });
  }

  private async handOver(): Promise<void> {
    const { handOverKiosk } = await import('../pwa/kiosk-handover.ts');
    await handOverKiosk(this.state.services.api, () => {
      this.handingOver = true;
      announce(msg('前の利用者のログアウト処理中…', { id: 'kiosk.handover' }));
    });
    this.handingOver = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
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
        ...pageRoutes.filter((r) => !(r.notOnKiosk && this.state.kiosk)).map((r) => toRouterRoute(prefix, r)),
        toRouterRoute(prefix, notFoundRoute),
      ]),
    );
  }

  protected override updated(): void {
    // The countdown's own chunk, loaded once a kiosk patron is logged in.
    if (this.state.kiosk && this.state.patron && !this.timerLoaded) void import('../pwa/kiosk-timer.ts').then(() => (this.timerLoaded = true));
  }

  private onLocation = (e: VaadinRouterLocationChangedEvent) => {
    // A link followed from a menu closes it; the first route's arrival does not (the patron may have
    // opened one while the first page was loading).
    if (!this.firstNavigation) {
      this.menuOpen = false;
      this.siteMenuOpen = false;
    }
    const route = routeForPath(e.detail.location.pathname.slice(routePrefix().length));
    document.title = `${plain(route.title())} — ${plain(msg('小金井市立図書館', { id: 'app.library' }))}`;
    // Move the reader to the new page (not on the first load: the page starts at the top anyway).
    if (!this.firstNavigation) this.main?.focus();
    this.firstNavigation = false;
  };

  private async logout(e: Event): Promise<void> {
    const opener = e.currentTarget as HTMLElement;
    if (this.state.pendingRenewals > 0) {
      // The question's own chunk: only a logout with renewals waiting needs it.
      await import('../components/confirm-dialog.ts');
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
    if (this.state.kiosk) {
      await this.wipeKiosk();
      return;
    }
    const patron = this.state.patron;
    // Loaded by the click (precached for offline): off the shell's first load.
    const [{ endServerSession }, { forgetPatron }] = await Promise.all([import('../data/session-end.ts'), import('../data/sw-bridge.ts')]);
    if (patron) forgetPatron(patron.id);
    await endServerSession(this.state.services.api).catch(() => undefined);
    this.state.setPatron(null);
    announce(msg('ログアウトしました', { id: 'logout.done' }));
    navigate('/login');
  }

  /** Forget everything on the shared device and start again at the kiosk login. */
  private readonly wipeKiosk = async (): Promise<void> => {
    const { wipeKioskDevice } = await import('../pwa/kiosk-wipe.ts');
    await wipeKioskDevice(this.state.services.api);
  };

  private onMenuKey(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.menuOpen) {
      this.menuOpen = false;
      this.renderRoot.querySelector<HTMLElement>('#menu-button')?.focus();
    }
  }

  /** Escape in the phone menu (the display options' keys bubble here too) closes it and gives the focus back to メニュー. */
  private onSiteMenuKey(e: KeyboardEvent): void {
    if (e.key !== 'Escape' || !this.siteMenuOpen) return;
    this.siteMenuOpen = false;
    this.renderRoot.querySelector<HTMLElement>('#site-menu-button')?.focus();
  }

  private renderKioskTimer() {
    const policy = this.state.library.info?.policy;
    if (!this.state.kiosk || !this.state.patron || !this.timerLoaded || !policy) return nothing;
    const timeoutMs = kioskIdleOverrideMs(this.firstSearch, policy.idleTimeoutSeconds.kiosk * 1000);
    return html`<shiori-kiosk-timer .timeoutMs=${timeoutMs} @shiori-kiosk-timeout=${this.wipeKiosk}></shiori-kiosk-timer>`;
  }

  private renderBrand() {
    return html`<a class="brand" href=${href('/')}>${rt(msg('小金井市立図書館', { id: 'app.library' }))}</a>`;
  }

  private renderStatus() {
    return html`<span class="status">${rt(msg('ログインしています', { id: 'header.loggedIn' }))}</span>`;
  }

  private renderLogin() {
    return html`<a class="button login" href=${href('/login')}>${rt(msg('ログイン', { id: 'header.login' }))}</a>`;
  }

  private renderLogout() {
    return html`<button type="button" class="secondary logout" @click=${this.logout}>${rt(msg('ログアウト', { id: 'header.logout' }))}</button>`;
  }

  private renderCart() {
    const count = this.state.cart.length;
    return html`<a class="cart" href=${href('/cart')}>${rt(msg(str`予約カート(${count}件)`, { id: 'header.cart' }))}</a>`;
  }

  private patronLinks() {
    return patronMenu.filter((m) => !(m.notOnKiosk && this.state.kiosk)).map((m) => html`<li><a href=${href(m.path)}>${rt(m.label())}</a></li>`);
  }

  /** From 40em up: the header as the seed has it, with 利用者のページ as a drop-down. */
  private renderFullBar() {
    return html`<div class="bar">
      ${this.renderBrand()}
      ${siteLinks.map((m) => html`<a class="site-link" href=${href(m.path)}>${rt(m.label())}</a>`)}
      <nav aria-label=${plain(msg('利用者のページ', { id: 'menu.patron' }))} @keydown=${this.onMenuKey}>
        <button type="button" id="menu-button" class="secondary" aria-expanded=${this.menuOpen ? 'true' : 'false'} aria-controls="patron-menu"
          @click=${() => (this.menuOpen = !this.menuOpen)}>${rt(msg('利用者のページ', { id: 'menu.patron' }))} <span aria-hidden="true">▾</span></button>
        <ul id="patron-menu" ?hidden=${!this.menuOpen}>${this.patronLinks()}</ul>
      </nav>
      <div class="session">${this.state.patron ? html`${this.renderStatus()} ${this.renderLogout()}` : this.renderLogin()}</div>
      ${this.renderCart()}
    </div>`;
  }

  /**
   * Below 40em: one row (the name, the login state, メニュー) so the page starts on the first screen;
   * メニュー opens 利用者のページ, the site links, ログアウト, 予約カート and the display options below it.
   */
  private renderCompactBar() {
    const open = this.siteMenuOpen;
    return html`<div class="bar compact">
        ${this.renderBrand()}
        ${this.state.patron ? this.renderStatus() : this.renderLogin()}
        <button type="button" id="site-menu-button" class="secondary menu-toggle" aria-expanded=${open ? 'true' : 'false'} aria-controls="site-menu display-options"
          @click=${() => (this.siteMenuOpen = !open)}>${rt(msg('メニュー', { id: 'header.menu' }))} <span aria-hidden="true">${open ? '▴' : '▾'}</span></button>
      </div>
      <div id="site-menu" class="site-menu" ?hidden=${!open}>
        <nav aria-labelledby="patron-menu-heading">
          <span id="patron-menu-heading" class="menu-heading">${rt(msg('利用者のページ', { id: 'menu.patron' }))}</span>
          <ul id="patron-menu">${this.patronLinks()}</ul>
        </nav>
        ${this.renderCart()}
        ${siteLinks.map((m) => html`<a class="site-link" href=${href(m.path)}>${rt(m.label())}</a>`)}
        ${this.state.patron ? this.renderLogout() : nothing}
      </div>`;
  }

  override render() {
    // The phone's row: the name and the login state wrap inside themselves before the row would. The
    // display options are one element in both layouts (their state survives a rotation); on a phone
    // they belong to メニュー.
    const compact = this.screen.narrow;
    return html`
      <button type="button" class="skip" @click=${() => this.main.focus()}>${msg('本文へ移動', { id: 'app.skip' })}</button>
      ${this.state.kiosk ? html`<p class="kiosk">${msg('共用端末モード：この端末には個人の情報を残しません。', { id: 'app.kiosk' })}</p>` : nothing}
      <header @keydown=${this.onSiteMenuKey}>
        ${compact ? this.renderCompactBar() : this.renderFullBar()}
        <shiori-display-options id="display-options" class="options" ?hidden=${compact && !this.siteMenuOpen}></shiori-display-options>
      </header>
      <main id="main" tabindex="-1">
        ${this.handingOver ? html`<p class="notice pending handover">${rt(msg('前の利用者のログアウト処理中…', { id: 'kiosk.handover' }))}</p>` : nothing}
        <div id="outlet"></div>
      </main>
      <shiori-confirm-dialog></shiori-confirm-dialog>
      ${this.renderKioskTimer()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-app': ShioriApp;
  }
}
