/** The 利用者のページ menu (the seed's order). Pages not built yet fall to the not-found page. */
import { msg } from '@lit/localize';

export interface MenuEntry {
  path: string;
  label: () => string;
  /** Personal device only: not shown on a kiosk. */
  notOnKiosk?: boolean;
}

export const patronMenu: MenuEntry[] = [
  { path: '/account', label: () => msg('利用状況一覧', { id: 'account.title' }) },
  { path: '/password', label: () => msg('パスワード変更', { id: 'menu.password' }) },
  { path: '/email', label: () => msg('メール登録・変更', { id: 'menu.email' }) },
  { path: '/preferences', label: () => msg('受取館・連絡方法 初期設定', { id: 'menu.preferences' }) },
  { path: '/notifications', label: () => msg('通知設定', { id: 'menu.notifications' }), notOnKiosk: true },
  { path: '/notices', label: () => msg('お知らせ', { id: 'menu.notices' }), notOnKiosk: true },
  { path: '/card', label: () => msg('利用者カード', { id: 'menu.card' }), notOnKiosk: true },
];

/** Header links beside the library name (the seed's 資料検索 and 各館案内). */
export const siteLinks: MenuEntry[] = [
  { path: '/search', label: () => msg('資料検索', { id: 'menu.search' }) },
  { path: '/library', label: () => msg('各館案内', { id: 'library.heading' }) },
];
