/**
 * The routed pages. Adding a page: a folder client/pages/<name>/, one entry here, one menu entry
 * (client/app/menu.ts), and its strings in the catalogues. Each page is loaded on demand (its own chunk).
 */
import { msg } from '@lit/localize';

export interface PageRoute {
  path: string;
  tag: string;
  load: () => Promise<unknown>;
  title: () => string;
  /** Personal device only: absent on a kiosk (no route, no menu entry). */
  notOnKiosk?: boolean;
}

export const pageRoutes: PageRoute[] = [
  { path: '/login', tag: 'shiori-login-page', load: () => import('../pages/login/login-page.ts'), title: () => msg('ログイン', { id: 'header.login' }) },
  { path: '/account', tag: 'shiori-account-page', load: () => import('../pages/account/account-page.ts'), title: () => msg('利用状況一覧', { id: 'account.title' }) },
  { path: '/account/:tab', tag: 'shiori-account-page', load: () => import('../pages/account/account-page.ts'), title: () => msg('利用状況一覧', { id: 'account.title' }) },
  { path: '/search', tag: 'shiori-search-page', load: () => import('../pages/search/search-page.ts'), title: () => msg('かんたん検索', { id: 'search.heading' }) },
  { path: '/titles/:bibId', tag: 'shiori-title-page', load: () => import('../pages/title/title-page.ts'), title: () => msg('資料の詳細', { id: 'title.pageTitle' }) },
  { path: '/cart', tag: 'shiori-cart-page', load: () => import('../pages/cart/cart-page.ts'), title: () => msg('予約カート', { id: 'cart.pageTitle' }) },
  { path: '/password', tag: 'shiori-password-page', load: () => import('../pages/password/password-page.ts'), title: () => msg('パスワード変更', { id: 'menu.password' }) },
  { path: '/email', tag: 'shiori-email-page', load: () => import('../pages/email/email-page.ts'), title: () => msg('メール登録・変更', { id: 'menu.email' }) },
  { path: '/preferences', tag: 'shiori-preferences-page', load: () => import('../pages/preferences/preferences-page.ts'), title: () => msg('受取館・連絡方法 初期設定', { id: 'menu.preferences' }) },
  { path: '/password-issuance', tag: 'shiori-password-issuance-page', load: () => import('../pages/password-issuance/password-issuance-page.ts'), title: () => msg('パスワードの発行', { id: 'issuance.heading' }) },
  { path: '/notifications', tag: 'shiori-notifications-page', load: () => import('../pages/notifications/notifications-page.ts'), title: () => msg('通知設定', { id: 'menu.notifications' }), notOnKiosk: true },
  { path: '/notices', tag: 'shiori-notices-page', load: () => import('../pages/notices/notices-page.ts'), title: () => msg('お知らせ', { id: 'menu.notices' }), notOnKiosk: true },
  { path: '/card', tag: 'shiori-card-page', load: () => import('../pages/card/card-page.ts'), title: () => msg('利用者カード', { id: 'menu.card' }), notOnKiosk: true },
  { path: '/library', tag: 'shiori-library-page', load: () => import('../pages/library/library-page.ts'), title: () => msg('各館案内', { id: 'library.heading' }) },
];

export const notFoundRoute: PageRoute = {
  path: '(.*)',
  tag: 'shiori-not-found-page',
  load: () => import('../pages/not-found/not-found-page.ts'),
  title: () => msg('ページが見つかりません', { id: 'notFound.title' }),
};

/** The route a path (without the kiosk prefix) shows, for the page title. */
export function routeForPath(path: string): PageRoute {
  return pageRoutes.find((r) => (r.path.includes(':') ? path.startsWith(r.path.split('/:')[0]!) : r.path === path)) ?? notFoundRoute;
}
