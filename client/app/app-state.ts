/**
 * The app's state, owned by one element — the shell `<shiori-app>` (tests: `<test-provider>`) —
 * and provided to everything inside it through client/app/context.ts. Components read it with
 * `@consume` and ask for changes with the events of client/app/events.ts, which this controller
 * hears on its host. It keeps what outlives a page: who is logged in, the display options, kiosk
 * mode, the 予約カート, GET /api/library, the renewals waiting to be sent, and the API client bound
 * to all of these. In kiosk mode nothing of it is written to the device.
 */
import { ContextProvider } from '@lit/context';
import { Task } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LibraryInfo, PatronSummary, SearchResponse } from '../../common/api.ts';
import { createApi, type Api } from '../data/api.ts';
import { fetchLibrary } from '../data/library.ts';
import { localeFor, setLocale } from '../i18n/localize.ts';
import { storeCart, uniqueCart } from './cart-store.ts';
import {
  cartContext,
  displayContext,
  kioskContext,
  libraryContext,
  pendingRenewalsContext,
  servicesContext,
  sessionContext,
  type AppServices,
  type LibraryState,
} from './context.ts';
import { applyToDocument, normaliseDisplay, storeDisplayOptions, type DisplayOptions } from './display-options.ts';
import type { AppEvents } from './events.ts';
import { goToLogin } from './navigate.ts';

export interface AppStateOptions {
  /** Kiosk mode at start (the shell: from the URL and the kiosk flag cookie). */
  kiosk: boolean;
  /** The display options the page shows at start. */
  display: DisplayOptions;
  /** The 予約カート at start (the shell: from the device; a kiosk keeps none). */
  cart?: readonly string[];
  patron?: PatronSummary | null;
  /** The library information to provide; without it, GET /api/library is loaded (and retried). */
  library?: LibraryInfo;
  /** The device clock (tests give a fixed one). */
  now?: () => Date;
  /**
   * The server says kiosk although the page started as a personal one (its flag cookie was
   * missing). Default: carry on in kiosk mode.
   */
  onServerSaysKiosk?: (state: AppState) => void;
}

type Host = ReactiveControllerHost & HTMLElement;

export class AppState implements ReactiveController {
  private readonly sessionProvider: ContextProvider<typeof sessionContext, Host>;
  private readonly displayProvider: ContextProvider<typeof displayContext, Host>;
  private readonly kioskProvider: ContextProvider<typeof kioskContext, Host>;
  private readonly cartProvider: ContextProvider<typeof cartContext, Host>;
  private readonly libraryProvider: ContextProvider<typeof libraryContext, Host>;
  private readonly pendingProvider: ContextProvider<typeof pendingRenewalsContext, Host>;
  private readonly libraryLoad: Task<readonly [], LibraryInfo> | null;
  /** GET /api/library waits for this (a kiosk start: until the previous patron's session has ended). */
  private libraryGate: Promise<void> = Promise.resolve();
  readonly services: AppServices;

  constructor(
    private readonly host: Host,
    private readonly options: AppStateOptions,
  ) {
    this.sessionProvider = new ContextProvider(host, { context: sessionContext, initialValue: options.patron ?? null });
    this.displayProvider = new ContextProvider(host, { context: displayContext, initialValue: options.display });
    this.kioskProvider = new ContextProvider(host, { context: kioskContext, initialValue: options.kiosk });
    this.cartProvider = new ContextProvider(host, { context: cartContext, initialValue: uniqueCart(options.cart ?? []) });
    const library: LibraryState = { info: options.library ?? null, failure: null };
    this.libraryProvider = new ContextProvider(host, { context: libraryContext, initialValue: library });
    this.pendingProvider = new ContextProvider(host, { context: pendingRenewalsContext, initialValue: 0 });
    const api: Api = createApi({
      kiosk: () => this.kiosk,
      language: () => this.display.lang,
      onUnauthenticated: () => {
        // The session ended (idle timeout): the header must stop saying ログインしています.
        if (this.patron) this.setPatron(null);
        goToLogin();
      },
    });
    this.services = { api, now: options.now ?? (() => new Date()), searchAnswers: new Map<string, SearchResponse>() };
    new ContextProvider(host, { context: servicesContext, initialValue: this.services });
    this.libraryLoad = options.library
      ? null
      : new Task(host, {
          task: async (_args, { signal }) => fetchLibrary(api, signal),
          args: () => [] as const,
          autoRun: false,
          onComplete: (info) => this.libraryArrived(info),
          onError: (failure) => this.libraryProvider.setValue({ info: this.library.info, failure }),
        });
    host.addController(this);
  }

  get patron(): PatronSummary | null {
    return this.sessionProvider.value;
  }

  get display(): DisplayOptions {
    return this.displayProvider.value;
  }

  get kiosk(): boolean {
    return this.kioskProvider.value;
  }

  get cart(): readonly string[] {
    return this.cartProvider.value;
  }

  get library(): LibraryState {
    return this.libraryProvider.value;
  }

  get pendingRenewals(): number {
    return this.pendingProvider.value;
  }

  hostConnected(): void {
    this.host.addEventListener('shiori-session-change', this.onSessionChange);
    this.host.addEventListener('shiori-cart-change', this.onCartChange);
    this.host.addEventListener('shiori-display-change', this.onDisplayChange);
    this.host.addEventListener('shiori-pending-renewals', this.onPendingRenewals);
    window.addEventListener('online', this.retryLibrary);
    if (this.libraryLoad && !this.library.info) void this.libraryGate.then(() => this.libraryLoad?.run());
  }

  /** Holds GET /api/library back until `gate` settles (call before the host connects). */
  loadLibraryAfter(gate: Promise<void>): void {
    this.libraryGate = gate.catch(() => undefined);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('shiori-session-change', this.onSessionChange);
    this.host.removeEventListener('shiori-cart-change', this.onCartChange);
    this.host.removeEventListener('shiori-display-change', this.onDisplayChange);
    this.host.removeEventListener('shiori-pending-renewals', this.onPendingRenewals);
    window.removeEventListener('online', this.retryLibrary);
  }

  setPatron(patron: PatronSummary | null): void {
    this.sessionProvider.setValue(patron);
    // A login means the server is reachable: a library answer that failed before can come now.
    if (patron) this.retryLibrary();
    this.host.requestUpdate();
  }

  /** The server says this is a kiosk (KIOSK=1, or a kiosk session): from now on nothing is stored. */
  enterKioskMode(): void {
    this.kioskProvider.setValue(true);
    this.host.requestUpdate();
  }

  setCart(bibIds: readonly string[]): void {
    const cart = uniqueCart(bibIds);
    storeCart(cart, this.kiosk);
    this.cartProvider.setValue(cart);
    this.host.requestUpdate();
  }

  /** Applies the options to the page at once (and its language once loaded); stores them unless kiosk. */
  async updateDisplay(change: Partial<DisplayOptions>): Promise<void> {
    const next = normaliseDisplay({ ...this.display, ...change });
    storeDisplayOptions(next, this.kiosk);
    applyToDocument(next);
    this.displayProvider.setValue(next);
    this.host.requestUpdate();
    await setLocale(localeFor(next));
  }

  private libraryArrived(info: LibraryInfo): void {
    this.libraryProvider.setValue({ info, failure: null });
    if (info.kiosk && !this.kiosk) (this.options.onServerSaysKiosk ?? ((s) => s.enterKioskMode()))(this);
    this.host.requestUpdate();
  }

  private readonly retryLibrary = (): void => {
    if (this.libraryLoad && this.library.failure !== null) void this.libraryLoad.run();
  };

  private readonly onSessionChange = (e: CustomEvent<AppEvents['shiori-session-change']>): void => {
    // KIOSK=1 on the server makes every session a kiosk one, whatever the page knew.
    if (e.detail.kiosk) this.enterKioskMode();
    this.setPatron(e.detail.patron);
  };

  private readonly onCartChange = (e: CustomEvent<AppEvents['shiori-cart-change']>): void => {
    this.setCart(e.detail.bibIds);
  };

  private readonly onDisplayChange = (e: CustomEvent<AppEvents['shiori-display-change']>): void => {
    void this.updateDisplay(e.detail);
  };

  private readonly onPendingRenewals = (e: CustomEvent<AppEvents['shiori-pending-renewals']>): void => {
    this.pendingProvider.setValue(e.detail.count);
    this.host.requestUpdate();
  };
}
