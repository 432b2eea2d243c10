import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import type { Hold, IsoDate } from '../../../common/api.ts';
import { DialogBase } from '../../components/dialog-base.ts';
import { formatDate } from '../../i18n/labels.ts';
import { rt } from '../../i18n/ruby.ts';

declare global {
  interface HTMLElementEventMap {
    'cancel-confirmed': CustomEvent<{ hold: Hold; sendConfirmationEmail: boolean }>;
  }
}

/**
 * 【予約取消確認】: タイトル, 予約日, 予約取消日 (today), 予約取消確認メール 送信する / 送信しない,
 * buttons 取消する / 取消しない.
 * @fires cancel-confirmed - detail: { hold, sendConfirmationEmail }
 */
@customElement('shiori-cancel-hold-dialog')
export class CancelHoldDialog extends DialogBase {
  @state() private hold: Hold | null = null;
  @state() private today: IsoDate = '';

  show(hold: Hold, today: IsoDate, opener: HTMLElement | null, fallback?: () => HTMLElement | null | undefined): Promise<void> {
    this.hold = hold;
    this.today = today;
    return this.showFrom(opener, fallback);
  }

  private confirm(): void {
    const select = this.renderRoot.querySelector<HTMLSelectElement>('#send-mail');
    if (!this.hold) return;
    const detail = { hold: this.hold, sendConfirmationEmail: select?.value === 'yes' };
    this.close();
    this.dispatchEvent(new CustomEvent('cancel-confirmed', { detail, bubbles: true, composed: true }));
  }

  override render() {
    const hold = this.hold;
    return html`<dialog aria-labelledby="cancel-title" @close=${this.onDialogClose}>
      <h2 id="cancel-title">【${rt(msg('予約取消確認', { id: 'cancel.dialog.title' }))}】</h2>
      ${hold
        ? html`<dl>
              <dt>${rt(msg('タイトル', { id: 'loans.col.title' }))}</dt><dd lang="ja">${hold.title}</dd>
              <dt>${rt(msg('予約日', { id: 'holds.col.placedOn' }))}</dt><dd>${formatDate(hold.placedOn)}</dd>
              <dt>${rt(msg('予約取消日', { id: 'cancelled.col.cancelledOn' }))}</dt><dd>${formatDate(this.today)}</dd>
            </dl>
            <div class="field">
              <label for="send-mail">${rt(msg('予約取消確認メール', { id: 'cancel.dialog.mail' }))}</label>
              <select id="send-mail">
                <option value="yes">${msg('送信する', { id: 'cancel.dialog.send' })}</option>
                <option value="no">${msg('送信しない', { id: 'cancel.dialog.noSend' })}</option>
              </select>
            </div>`
        : ''}
      <div class="actions">
        <button type="button" class="confirm" @click=${this.confirm}>${rt(msg('取消する', { id: 'cancel.dialog.confirm' }))}</button>
        <button type="button" class="secondary cancel" @click=${() => this.close()}>${rt(msg('取消しない', { id: 'cancel.dialog.keep' }))}</button>
      </div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-cancel-hold-dialog': CancelHoldDialog;
  }
}
