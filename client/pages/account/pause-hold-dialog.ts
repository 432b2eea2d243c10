import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg, str } from '@lit/localize';
import type { Hold, IsoDate } from '../../../common/api.ts';
import { addDays } from '../../../common/dates.ts';
import { libraryContext, type LibraryState } from '../../app/context.ts';
import { DialogBase } from '../../components/dialog-base.ts';
import { formatDate } from '../../i18n/labels.ts';
import { rt } from '../../i18n/ruby.ts';

/**
 * 【一時停止】 of a waiting hold: タイトル, 再開する日 (after today, at most the policy's
 * `holds.maxPauseDays` ahead: the date input's min and max, checked here too), 一時停止する /
 * 一時停止しない. The hold keeps its place and resumes by itself on that day; the server checks the
 * date again and answers 400 beyond it.
 * @fires pause-confirmed - detail: { hold, pausedUntil }
 */
@customElement('shiori-pause-hold-dialog')
export class PauseHoldDialog extends DialogBase {
  @state() private hold: Hold | null = null;
  @state() private today: IsoDate = '';
  /** Why the date was refused: none, not after today, or past the policy's last day. */
  @state() private invalid: false | 'early' | 'late' = false;

  @consume({ context: libraryContext, subscribe: true })
  @state()
  private library: LibraryState = { info: null, failure: null };

  /** The last day a pause may run to; null when the policy is not known here (the server still checks). */
  private lastDay(): IsoDate | null {
    const days = this.library.info?.policy.holds?.maxPauseDays;
    return this.today && days !== undefined ? addDays(this.today, days) : null;
  }

  show(hold: Hold, today: IsoDate, opener: HTMLElement | null, fallback?: () => HTMLElement | null | undefined): Promise<void> {
    this.hold = hold;
    this.today = today;
    this.invalid = false;
    const opened = this.showFrom(opener, fallback);
    void opened.then(() => {
      const input = this.renderRoot.querySelector<HTMLInputElement>('#paused-until');
      if (input) {
        input.value = '';
        input.focus();
      }
    });
    return opened;
  }

  private confirm(): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#paused-until')!;
    const value = input.value;
    const last = this.lastDay();
    const invalid = !value || value <= this.today ? 'early' : last !== null && value > last ? 'late' : false;
    if (invalid) {
      this.invalid = invalid;
      input.focus();
      return;
    }
    const detail = { hold: this.hold, pausedUntil: value };
    this.close();
    this.dispatchEvent(new CustomEvent('pause-confirmed', { detail, bubbles: true, composed: true }));
  }

  override render() {
    const hold = this.hold;
    const min = this.today ? addDays(this.today, 1) : '';
    const last = this.lastDay();
    return html`<dialog aria-labelledby="pause-title" aria-describedby="pause-note" @close=${this.onDialogClose}>
      <h2 id="pause-title">【${rt(msg('一時停止', { id: 'pause.dialog.title' }))}】</h2>
      ${hold
        ? html`<dl><dt>${rt(msg('タイトル', { id: 'loans.col.title' }))}</dt><dd lang="ja">${hold.title}</dd></dl>
            <p id="pause-note">${rt(msg('順番はそのままで、この日から資料が用意されるようになります。', { id: 'pause.dialog.note' }))}</p>
            <div class="field">
              <label for="paused-until">${rt(msg('再開する日', { id: 'pause.dialog.until' }))}</label>
              <input id="paused-until" type="date" min=${min} max=${last ?? nothing} required aria-invalid=${this.invalid ? 'true' : 'false'}
                aria-describedby=${this.invalid ? 'pause-error' : nothing}
                @input=${() => (this.invalid = false)} />
              ${this.invalid
                ? html`<p id="pause-error" class="error" role="alert">${this.invalid === 'late' && last
                    ? rt(msg(str`${formatDate(last)}までの日付を入力してください。`, { id: 'pause.dialog.tooLate' }))
                    : rt(msg('明日以降の日付を入力してください。', { id: 'pause.dialog.invalid' }))}</p>`
                : nothing}
            </div>`
        : ''}
      <div class="actions">
        <button type="button" class="confirm" @click=${this.confirm}>${rt(msg('一時停止する', { id: 'pause.dialog.confirm' }))}</button>
        <button type="button" class="secondary cancel" @click=${() => this.close()}>${rt(msg('一時停止しない', { id: 'pause.dialog.keep' }))}</button>
      </div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-pause-hold-dialog': PauseHoldDialog;
  }
}
