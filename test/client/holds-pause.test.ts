/**
 * 予約: the queue line 「12人中3番目（所蔵2冊）・目安 約2〜4週間」, 「一時停止中（5/10まで）」 and the
 * guide note, 一時停止 through 【一時停止】 (focus in, Escape out, focus back), 再開 — in ja, en and kids.
 */
import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../client/pages/account/holds-panel.ts';
import type { HoldsPanel } from '../../client/pages/account/holds-panel.ts';
import type { Hold } from '../../common/api.ts';
import { LIBRARY } from './catalog-fixtures.ts';
import { TODAY, hold } from './fixtures.ts';
import { STANDARD, afterEachRestoreFetchAndMode, applyMode, deepActiveElement, fixture, itIsAccessibleInEveryMode, json, stubApi } from './helpers.ts';

const waitingThird = hold({
  id: 'Q3',
  title: 'さいごの戦い',
  rank: 3,
  queue: { position: 3, waiting: 12, paused: 1, copies: 2, estimate: { fromDays: 14, toDays: 28 } },
});
const paused = hold({
  id: 'Q5',
  title: 'イソップ',
  rank: 5,
  pausedUntil: '2020-05-10',
  queue: { position: 5, waiting: 12, paused: 1, copies: 2, estimate: { fromDays: 12, toDays: 56 } },
});
const ready = hold({ id: 'R1', status: 'ready', pickupBy: '2020-05-05', cancellable: false, changeable: false });

async function renderPanel(holds: Hold[] = [waitingThird, paused, ready]): Promise<HoldsPanel> {
  return fixture<HoldsPanel>(html`<shiori-holds-panel .holds=${holds} today=${TODAY}></shiori-holds-panel>`);
}

const rowOf = (el: HoldsPanel, id: string) => el.shadowRoot!.querySelector<HTMLTableRowElement>(`tr[data-hold="${id}"]`)!;
const text = (node: Element) => node.textContent!.replace(/\s+/g, ' ');
const pauseDialog = (el: HoldsPanel) => el.shadowRoot!.querySelector('shiori-pause-hold-dialog')!.shadowRoot!.querySelector('dialog')!;

describe('予約: 一時停止 and the queue line', () => {
  afterEachRestoreFetchAndMode();
  itIsAccessibleInEveryMode(renderPanel);

  it('is accessible with 【一時停止】 open, in every display mode', async () => {
    for (const options of [STANDARD, { ...STANDARD, palette: 'cud' as const }, { ...STANDARD, audience: 'kids' as const }, { ...STANDARD, size: 'l' as const }, { ...STANDARD, lang: 'en' as const }]) {
      await applyMode(options);
      const el = await renderPanel();
      rowOf(el, 'Q3').querySelector<HTMLButtonElement>('button.pause-hold')!.click();
      await waitUntil(() => pauseDialog(el).open);
      await expect(el).to.be.accessible();
    }
  });

  it('says the place, copies and the wait as a guide, and the pause with its day', async () => {
    const el = await renderPanel();
    expect(text(rowOf(el, 'Q3'))).to.include('12人中3番目（所蔵2冊）・目安 約2〜4週間');
    expect(text(rowOf(el, 'Q5'))).to.include('一時停止中（5/10まで）');
    expect(text(rowOf(el, 'Q5'))).to.include('12人中5番目（所蔵2冊）・目安 約2〜8週間');
    expect(text(rowOf(el, 'R1'))).not.to.include('番目');
    expect(text(el.shadowRoot!.querySelector('#queue-guide')!)).to.include('お約束ではありません');
    // 一時停止 on the waiting hold, 再開 on the paused one, neither on the ready one.
    expect(rowOf(el, 'Q3').querySelector('button.pause-hold')!.textContent!.trim()).to.equal('一時停止');
    expect(rowOf(el, 'Q5').querySelector('button.resume-hold')!.textContent!.trim()).to.equal('再開');
    expect(rowOf(el, 'R1').querySelector('button.pause-hold, button.resume-hold')).to.equal(null);
  });

  it('in English and in the kids’ wording', async () => {
    await applyMode({ ...STANDARD, lang: 'en' });
    let el = await renderPanel();
    expect(text(rowOf(el, 'Q3'))).to.include('No. 3 of 12 waiting (copies: 2)・a guide: about 2–4 weeks');
    expect(text(rowOf(el, 'Q5'))).to.include('Paused (until 5/10)');
    await applyMode({ ...STANDARD, audience: 'kids' });
    el = await renderPanel();
    expect(text(rowOf(el, 'Q3'))).to.include('12にんの なかで 3ばんめ（ほんは 2さつ）・だいたい 2〜4しゅうかん くらいかな');
    expect(text(rowOf(el, 'Q5'))).to.include('おやすみちゅう（5/10まで）');
  });

  it('pauses through 【一時停止】: focus on the date, Escape closes and gives focus back, 一時停止する sends the day', async () => {
    const calls = stubApi((c) => json(200, { hold: { ...waitingThird, pausedUntil: (c.body as { pausedUntil: string }).pausedUntil } }));
    const el = await renderPanel();
    let reloads = 0;
    el.addEventListener('account-reload', () => reloads++);
    const button = rowOf(el, 'Q3').querySelector<HTMLButtonElement>('button.pause-hold')!;
    button.focus();
    button.click();
    const dialog = pauseDialog(el);
    await waitUntil(() => dialog.open);
    expect(text(dialog)).to.include('【一時停止】');
    expect(text(dialog)).to.include('さいごの戦い');
    const input = dialog.querySelector<HTMLInputElement>('#paused-until')!;
    await waitUntil(() => deepActiveElement() === input, 'focus is not on 再開する日');
    expect(input.min).to.equal('2020-04-29');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open);
    await waitUntil(() => deepActiveElement() === button, 'focus did not come back to 一時停止 after Escape');
    expect(calls).to.have.length(0);

    button.click();
    await waitUntil(() => dialog.open);
    // No day yet: refused in the dialog, nothing sent.
    dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await el.updateComplete;
    await waitUntil(() => dialog.querySelector('[role="alert"]') !== null);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(calls).to.have.length(0);
    input.value = '2020-05-10';
    input.dispatchEvent(new Event('input'));
    dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await waitUntil(() => calls.length === 1);
    expect(calls[0]).to.include({ method: 'PATCH', path: '/api/holds/Q3' });
    expect(calls[0]!.body).to.deep.equal({ pausedUntil: '2020-05-10' });
    await waitUntil(() => reloads === 1);
    expect(text(el.shadowRoot!.querySelector('#holds-message')!)).to.include('予約を一時停止しました');
  });

  it("【一時停止】 offers days up to the policy's holds.maxPauseDays, and refuses a later one without sending it", async () => {
    const calls = stubApi((c) => json(200, { hold: { ...waitingThird, pausedUntil: (c.body as { pausedUntil: string }).pausedUntil } }));
    const library = { ...LIBRARY, policy: { ...LIBRARY.policy, holds: { maxPauseDays: 30 } } };
    const el = await fixture<HoldsPanel>(html`<shiori-holds-panel .holds=${[waitingThird]} today=${TODAY}></shiori-holds-panel>`, { library });
    rowOf(el, 'Q3').querySelector<HTMLButtonElement>('button.pause-hold')!.click();
    const dialog = pauseDialog(el);
    await waitUntil(() => dialog.open);
    const input = dialog.querySelector<HTMLInputElement>('#paused-until')!;
    expect([input.min, input.max]).to.deep.equal(['2020-04-29', '2020-05-28']);
    input.value = '2020-05-29';
    input.dispatchEvent(new Event('input'));
    dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await waitUntil(() => dialog.querySelector('[role="alert"]') !== null);
    expect(text(dialog.querySelector('[role="alert"]')!)).to.include('2020/05/28までの日付を入力してください。');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(calls).to.have.length(0);
    input.value = '2020-05-28';
    input.dispatchEvent(new Event('input'));
    dialog.querySelector<HTMLButtonElement>('button.confirm')!.click();
    await waitUntil(() => calls.length === 1);
    expect(calls[0]!.body).to.deep.equal({ pausedUntil: '2020-05-28' });
  });

  it('再開 lifts the pause at once', async () => {
    const calls = stubApi(() => json(200, { hold: { ...paused, pausedUntil: null } }));
    const el = await renderPanel();
    rowOf(el, 'Q5').querySelector<HTMLButtonElement>('button.resume-hold')!.click();
    await waitUntil(() => calls.length === 1);
    expect(calls[0]).to.include({ method: 'PATCH', path: '/api/holds/Q5' });
    expect(calls[0]!.body).to.deep.equal({ pausedUntil: null });
    await waitUntil(() => text(el.shadowRoot!.querySelector('#holds-message')!).includes('予約を再開しました'));
  });

  it('offline: 一時停止 and 再開 are disabled', async () => {
    const el = await fixture<HoldsPanel>(html`<shiori-holds-panel .holds=${[waitingThird, paused]} today=${TODAY} offline></shiori-holds-panel>`);
    expect(rowOf(el, 'Q3').querySelector<HTMLButtonElement>('button.pause-hold')!.disabled).to.equal(true);
    expect(rowOf(el, 'Q5').querySelector<HTMLButtonElement>('button.resume-hold')!.disabled).to.equal(true);
  });
});
