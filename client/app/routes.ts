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
}

export const pageRoutes: PageRoute[] = [
  { path: '/login', tag: 'shiori-login-page', load: () => import('../pages/login/login-page.ts'), title: () => msg('ログイン', { id: 'header.login' }) },
  { path: '/account', tag: 'shiori-account-page', load: () => import('../pages/account/account-page.ts'), title: () => msg('利用状況一覧', { id: 'account.title' }) },
  { path: '/account/:tab', tag: 'shiori-account-page', load: () => import('../pages/account/account-page.ts'), title: () => msg('利用状況一覧', { id: 'account.title' }) },
];

export const notFoundRoute: PageRoute = {
  path: '(.*)',
  tag: 'shiori-not-found-page',
  load: () => import('../pages/not-found/not-found-page.ts'),
  title: () => msg('ページが見つかりません', { id: 'notFound.title' }),
};
