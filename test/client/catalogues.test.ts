import { expect } from '@open-wc/testing';
import { templates as en } from '../../client/locales/en.ts';
import { errors as kidsErrors, templates as kids } from '../../client/locales/ja-kids.ts';

/** The modules of the shell, login and 利用状況一覧 (issue #4); their every msg id needs both catalogues. */
const SOURCES = [
  'app/shiori-app.ts', 'app/display-options-bar.ts', 'app/menu.ts', 'app/routes.ts',
  'i18n/labels.ts', 'pages/login/login-page.ts', 'pages/not-found/not-found-page.ts',
  'pages/account/account-page.ts', 'pages/account/loans-panel.ts', 'pages/account/renew-dialog.ts',
  'pages/account/holds-panel.ts', 'pages/account/cancel-hold-dialog.ts', 'pages/account/change-hold-dialog.ts',
  'pages/account/series-dialog.ts', 'components/dialog-base.ts', 'pages/account/cancelled-panel.ts', 'pages/account/wishlist-panel.ts',
  'pages/notifications/notifications-page.ts', 'pages/notifications/event-labels.ts', 'pages/notices/notices-page.ts',
];

async function idsIn(path: string): Promise<string[]> {
  const res = await fetch(`/client/${path}`);
  expect(res.ok, path).to.equal(true);
  const code = await res.text();
  return [...code.matchAll(/\bid:\s*["']([\w.]+)["']/g)].map((m) => m[1]!);
}

describe('catalogues', () => {
  it('have an English and a kids entry for every message id of the patron pages', async () => {
    const missing: string[] = [];
    let count = 0;
    for (const file of SOURCES) {
      for (const id of await idsIn(file)) {
        count++;
        if (!(id in en)) missing.push(`en: ${id} (${file})`);
        if (!(id in kids)) missing.push(`ja-kids: ${id} (${file})`);
      }
    }
    expect(count).to.be.greaterThan(150);
    expect(missing).to.deep.equal([]);
  });

  it('have kids wording for every renewal and hold refusal code', () => {
    for (const code of ['invalid_credentials', 'has_holds', 'outside_window', 'renewal_limit', 'not_renewable_material', 'inter_library_loan', 'card_expired', 'not_cancellable', 'not_changeable', 'email_not_registered', 'unexpected']) {
      expect(kidsErrors[code], code).to.be.a('string');
    }
  });
});
