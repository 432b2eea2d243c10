/**
 * The app's shared state, as @lit/context contexts: one each for who is logged in, the display
 * options, kiosk mode, the 予約カート, the library's information and policy (GET /api/library), the
 * renewals waiting to be sent, and the services every page uses (the API, the device clock).
 * The shell provides them all (client/app/app-state.ts); a component reads one with
 * `@consume({ context: libraryContext, subscribe: true })` and asks for a change with an event
 * (client/app/events.ts), never by writing a module's variable. Tests provide the same contexts
 * with their own values (test/client/helpers.ts `<test-provider>`).
 */
import { createContext } from '@lit/context';
import type { LibraryInfo, PatronSummary, SearchResponse } from '../../common/api.ts';
import type { Api } from '../data/api.ts';
import type { DisplayOptions } from './display-options.ts';

/** Who is logged in, as the page last learnt it (login, GET /api/session, a 401); null = nobody. */
export const sessionContext = createContext<PatronSummary | null>(Symbol('shiori-session'));

/** 配色 · 大人 / こども · 文字の大きさ · 言語, as applied to the page. */
export const displayContext = createContext<DisplayOptions>(Symbol('shiori-display'));

/** Kiosk mode (a shared device): nothing personal is kept on the device. */
export const kioskContext = createContext<boolean>(Symbol('shiori-kiosk'));

/** The 予約カート's titles (bib ids), in the order they were added. */
export const cartContext = createContext<readonly string[]>(Symbol('shiori-cart'));

/** GET /api/library as last loaded: branches, today's hours, and the policy every rule and name comes from. */
export interface LibraryState {
  /** null until the first answer (or when none could be had). */
  info: LibraryInfo | null;
  /** Why the last load failed; null while loading or once loaded. */
  failure: unknown;
}
export const libraryContext = createContext<LibraryState>(Symbol('shiori-library'));

/** How many renewals of the patron wait to be sent (送信待ち): ログアウト warns before discarding them. */
export const pendingRenewalsContext = createContext<number>(Symbol('shiori-pending-renewals'));

/** What pages use to do things: nothing in it changes while the app runs. */
export interface AppServices {
  /** The one fetch wrapper, bound to this app's kiosk mode, language and login redirect. */
  api: Api;
  /** The device's clock: the page's only "now" (offline, predictions use the device's date). */
  now(): Date;
  /** Search answers kept for this visit, by query, so 戻る shows the same results at once. */
  searchAnswers: Map<string, SearchResponse>;
}
export const servicesContext = createContext<AppServices>(Symbol('shiori-services'));
