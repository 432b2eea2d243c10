import { html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg, str } from '@lit/localize';
import type { Hold } from '../../../common/api.ts';
import { attempt } from '../../app/attempt.ts';
import { servicesContext, type AppServices } from '../../app/context.ts';
import { createSeries, releaseSeries, reorderSeries } from '../../data/holds.ts';
import { DialogBase, dialogStyles } from '../../components/dialog-base.ts';
import { rt } from '../../i18n/ruby.ts';

function move<T>(list: T[], index: number, delta: number): T[] {
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(index + delta, 0, item!);
  return next;
}

declare global {
  interface HTMLElementEventMap {
    'series-changed': CustomEvent<void>;
  }
}

/**
 * シリーズ予約組替・解除: among waiting holds, group several into a series in an order, reorder a
 * series, or release it.
 * @fires series-changed - after any successful change
 */
@customElement('shiori-series-dialog')
export class SeriesDialog extends DialogBase {
  static override styles = [
    ...dialogStyles,
    css`
      .order { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; margin: 0.3rem 0; }
      .order .name { flex: 1 1 10rem; }
      fieldset { border: 0.0625rem solid var(--c-border); border-radius: var(--radius); margin: 0.75rem 0; }
      .pick { display: flex; gap: 0.5rem; align-items: center; font-weight: 400; min-height: var(--target); }
      .pick input { width: 1.25rem; height: 1.25rem; min-height: 0; }
    `,
  ];

  @consume({ context: servicesContext })
  private services!: AppServices;

  /** Existing series: seriesNo → ordered holds (edited locally until saved). */
  @state() private series = new Map<number, Hold[]>();
  /** Waiting holds outside any series, and the ones picked for a new series, in pick order. */
  @state() private free: Hold[] = [];
  @state() private picked: string[] = [];
  @state() private message = '';

  show(holds: Hold[], opener: HTMLElement | null): Promise<void> {
    const waiting = holds.filter((h) => h.status === 'waiting');
    const series = new Map<number, Hold[]>();
    for (const h of waiting) if (h.seriesNo !== null) series.set(h.seriesNo, [...(series.get(h.seriesNo) ?? []), h]);
    for (const list of series.values()) list.sort((a, b) => (a.seriesOrder ?? 0) - (b.seriesOrder ?? 0));
    this.series = series;
    this.free = waiting.filter((h) => h.seriesNo === null);
    this.picked = [];
    this.message = '';
    return this.showFrom(opener);
  }

  private async run(action: () => Promise<unknown>, done: string): Promise<void> {
    const outcome = await attempt(action, done);
    if (!outcome) return;
    if (outcome.kind === 'warn') {
      this.message = outcome.text;
      return;
    }
    this.close();
    this.dispatchEvent(new CustomEvent('series-changed', { bubbles: true, composed: true }));
  }

  private togglePick(id: string, on: boolean): void {
    this.picked = on ? [...this.picked, id] : this.picked.filter((p) => p !== id);
  }

  private reorder(no: number, index: number, delta: number): void {
    const list = this.series.get(no)!;
    this.series = new Map(this.series).set(no, move(list, index, delta));
  }

  override render() {
    const saved = msg('シリーズ予約を更新しました', { id: 'series.done' });
    return html`<dialog aria-labelledby="series-title" @close=${this.onDialogClose}>
      <h2 id="series-title">${rt(msg('シリーズ予約組替・解除', { id: 'series.button' }))}</h2>
      <p>${rt(msg('状況が「準備できました」「予約回送中です」以外の予約について、シリーズ予約を組み替えることができます。', { id: 'series.note' }))}</p>
      ${this.message ? html`<p class="notice warn">${this.message}</p>` : nothing}
      ${[...this.series].map(
        ([no, list]) => html`<fieldset>
          <legend>${msg(str`シリーズ予約番号 ${no}`, { id: 'series.legend' })}</legend>
          ${list.map(
            (h, i) => html`<div class="order">
              <span>${i + 1}.</span><span class="name">${h.title}</span>
              <button type="button" class="secondary" ?disabled=${i === 0} aria-label=${msg(str`${h.title}を前へ`, { id: 'series.up' })} @click=${() => this.reorder(no, i, -1)}>↑</button>
              <button type="button" class="secondary" ?disabled=${i === list.length - 1} aria-label=${msg(str`${h.title}を後ろへ`, { id: 'series.down' })} @click=${() => this.reorder(no, i, 1)}>↓</button>
            </div>`,
          )}
          <div class="actions">
            <button type="button" @click=${() => this.run(() => reorderSeries(this.services.api, no, list.map((h) => h.id)), saved)}>${msg('この順番で保存する', { id: 'series.save' })}</button>
            <button type="button" class="secondary" @click=${() => this.run(() => releaseSeries(this.services.api, no), saved)}>${msg('シリーズ予約を解除する', { id: 'series.release' })}</button>
          </div>
        </fieldset>`,
      )}
      <fieldset>
        <legend>${msg('新しいシリーズ予約（読む順に選んでください）', { id: 'series.new' })}</legend>
        ${this.free.length < 2
          ? html`<p>${msg('組み替えできる予約が2件以上ありません。', { id: 'series.tooFew' })}</p>`
          : this.free.map((h) => {
              const order = this.picked.indexOf(h.id);
              return html`<label class="pick"><input type="checkbox" .checked=${order >= 0} @change=${(e: Event) => this.togglePick(h.id, (e.target as HTMLInputElement).checked)}>
                <span>${order >= 0 ? `${order + 1}. ` : ''}${h.title}</span></label>`;
            })}
        <div class="actions">
          <button type="button" ?disabled=${this.picked.length < 2} @click=${() => this.run(() => createSeries(this.services.api, this.picked), saved)}>${msg('シリーズ予約にする', { id: 'series.create' })}</button>
        </div>
      </fieldset>
      <div class="actions">
        <button type="button" class="secondary cancel" @click=${() => this.close()}>${msg('閉じる', { id: 'common.close' })}</button>
      </div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-series-dialog': SeriesDialog;
  }
}
