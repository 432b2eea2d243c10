/**
 * The events that ask the app's state (client/app/app-state.ts) for a change: a component
 * dispatches one, it bubbles (composed) to the shell, which changes the state and provides the new
 * value through client/app/context.ts. Declared once here so listeners are typed without casts.
 */
import type { PatronSummary } from '../../common/api.ts';
import type { SwToPage } from '../../common/offline.ts';
import type { DisplayOptions } from './display-options.ts';

export interface AppEvents {
  /** Who is logged in now (a login, a changed e-mail or 初期設定, a logout); `kiosk`: the server says this is a kiosk session. */
  'shiori-session-change': { patron: PatronSummary | null; kiosk?: boolean };
  /** The 予約カート's new contents. */
  'shiori-cart-change': { bibIds: readonly string[] };
  /** The patron chose other display options. */
  'shiori-display-change': Partial<DisplayOptions>;
  /** How many renewals wait to be sent (the account page knows). */
  'shiori-pending-renewals': { count: number };
}

declare global {
  /** The SW's messages, as window events (client/pwa/sw-events.ts; names in common/offline.ts). */
  interface WindowEventMap {
    'shiori:renewal-settled': CustomEvent<Extract<SwToPage, { type: 'renewal-settled' }>>;
    'shiori:renewal-needs-login': CustomEvent<Extract<SwToPage, { type: 'renewal-needs-login' }>>;
    'shiori:account-updated': CustomEvent<Extract<SwToPage, { type: 'account-updated' }>>;
  }
  interface HTMLElementEventMap {
    'shiori-session-change': CustomEvent<AppEvents['shiori-session-change']>;
    'shiori-cart-change': CustomEvent<AppEvents['shiori-cart-change']>;
    'shiori-display-change': CustomEvent<AppEvents['shiori-display-change']>;
    'shiori-pending-renewals': CustomEvent<AppEvents['shiori-pending-renewals']>;
  }
}

/** Dispatches an app event from `source` (bubbling out of shadow roots up to the shell). */
export function askApp<K extends keyof AppEvents>(source: EventTarget, name: K, detail: AppEvents[K]): void {
  source.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
