import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../client/pages/account/renew-dialog.ts';
import '../../client/pages/account/cancel-hold-dialog.ts';
import '../../client/pages/account/change-hold-dialog.ts';
import '../../client/pages/account/series-dialog.ts';
import '../../client/components/confirm-dialog.ts';
import type { RenewDialog } from '../../client/pages/account/renew-dialog.ts';
import type { CancelHoldDialog } from '../../client/pages/account/cancel-hold-dialog.ts';
import type { ChangeHoldDialog } from '../../client/pages/account/change-hold-dialog.ts';
import type { SeriesDialog } from '../../client/pages/account/series-dialog.ts';
import type { ConfirmDialog } from '../../client/components/confirm-dialog.ts';
import { TODAY, hold, loan } from './fixtures.ts';
import { MODES, STANDARD, applyMode, deepActiveElement, fixture } from './helpers.ts';

const dialogOf = (el: Element) => el.shadowRoot!.querySelector('dialog')!;

/** Opens a dialog from a real button, checks it, closes it with Escape and checks the focus came back. */
async function openCheckClose(el: Element, open: (opener: HTMLElement) => void, expectText: string): Promise<void> {
  const opener = await fixture<HTMLButtonElement>(html`<button type="button">open</button>`);
  opener.focus();
  open(opener);
  const dialog = dialogOf(el);
  await waitUntil(() => dialog.open, 'the dialog did not open');
  expect(dialog.textContent).to.include(expectText);
  await expect(el).to.be.accessible();
  // The key itself, as a patron presses it: the native <dialog> closes on it.
  await sendKeys({ press: 'Escape' });
  await waitUntil(() => !dialog.open, 'Escape did not close the dialog');
  await waitUntil(() => deepActiveElement() === opener, 'focus did not return to the opener');
}

describe('dialogs in every display mode', () => {
  afterEach(() => applyMode(STANDARD));

  for (const mode of MODES) {
    describe(mode.name, () => {
      beforeEach(() => applyMode(mode.options));

      it('【貸出延長確認】', async () => {
        const el = await fixture<RenewDialog>(html`<shiori-renew-dialog></shiori-renew-dialog>`);
        await openCheckClose(el, (o) => void el.show([loan()], o), '2020/05/05');
      });

      it('【予約取消確認】', async () => {
        const el = await fixture<CancelHoldDialog>(html`<shiori-cancel-hold-dialog></shiori-cancel-hold-dialog>`);
        await openCheckClose(el, (o) => void el.show(hold({ title: 'さいごの戦い' }), TODAY, o), 'さいごの戦い');
      });

      it('【予約変更確認】', async () => {
        const el = await fixture<ChangeHoldDialog>(html`<shiori-change-hold-dialog></shiori-change-hold-dialog>`);
        await openCheckClose(el, (o) => void el.show(hold({ title: 'イソップ' }), o), 'イソップ');
      });

      it('シリーズ予約組替・解除', async () => {
        const el = await fixture<SeriesDialog>(html`<shiori-series-dialog></shiori-series-dialog>`);
        const holds = [hold({ id: 'a', title: '一巻', seriesNo: 3, seriesOrder: 1 }), hold({ id: 'b', title: '二巻', seriesNo: 3, seriesOrder: 2 }), hold({ id: 'c', title: '外伝' }), hold({ id: 'd', title: '別巻' })];
        await openCheckClose(el, (o) => void el.show(holds, o), '二巻');
      });

      it('logout confirmation', async () => {
        const el = await fixture<ConfirmDialog>(html`<shiori-confirm-dialog></shiori-confirm-dialog>`);
        await openCheckClose(el, (o) => void el.ask({ title: 'ログアウトしますか？', message: '送信待ちの延長があります。', confirm: 'ログアウト', cancel: 'ログアウトしない' }, o), '送信待ち');
      });
    });
  }
});
