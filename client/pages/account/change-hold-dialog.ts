import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg } from '@lit/localize';
import type { BranchCode, ContactMethod, Hold } from '../../../common/api.ts';
import { libraryContext, type LibraryState } from '../../app/context.ts';
import { DialogBase } from '../../components/dialog-base.ts';
import { rt } from '../../i18n/ruby.ts';
import { branchChoices, contactChoices } from '../holding/hold-fields.ts';

declare global {
  interface HTMLElementEventMap {
    'change-confirmed': CustomEvent<{ hold: Hold; pickupBranch: BranchCode; contactMethod: ContactMethod }>;
  }
}

/**
 * 【予約変更確認】: 連絡方法 (1:メール 2:電話 3:不要) and 受取館 (1:本館 …, the library's branches),
 * 更新する / 更新しない.
 * @fires change-confirmed - detail: { hold, pickupBranch, contactMethod }
 */
@customElement('shiori-change-hold-dialog')
export class ChangeHoldDialog extends DialogBase {
  @state() private hold: Hold | null = null;

  @consume({ context: libraryContext, subscribe: true })
  private library: LibraryState = { info: null, failure: null };

  show(hold: Hold, opener: HTMLElement | null, fallback?: () => HTMLElement | null | undefined): Promise<void> {
    this.hold = hold;
    return this.showFrom(opener, fallback);
  }

  private confirm(): void {
    const contact = this.renderRoot.querySelector<HTMLSelectElement>('#contact')!.value as ContactMethod;
    const branch = this.renderRoot.querySelector<HTMLSelectElement>('#branch')!.value as BranchCode;
    if (!this.hold) return;
    const detail = { hold: this.hold, pickupBranch: branch, contactMethod: contact };
    this.close();
    this.dispatchEvent(new CustomEvent('change-confirmed', { detail, bubbles: true, composed: true }));
  }

  override render() {
    const hold = this.hold;
    return html`<dialog aria-labelledby="change-title" @close=${this.onDialogClose}>
      <h2 id="change-title">【${rt(msg('予約変更確認', { id: 'change.dialog.title' }))}】</h2>
      ${hold
        ? html`<dl><dt>${rt(msg('タイトル', { id: 'loans.col.title' }))}</dt><dd lang="ja">${hold.title}</dd></dl>
            <div class="field">
              <label for="contact">${rt(msg('連絡方法', { id: 'holds.col.contact' }))}</label>
              <select id="contact">${contactChoices(hold.contactMethod)}</select>
            </div>
            <div class="field">
              <label for="branch">${rt(msg('受取館', { id: 'holds.col.pickupBranch' }))}</label>
              <select id="branch">${branchChoices(this.library.info?.policy, hold.pickupBranch)}</select>
            </div>`
        : ''}
      ${this.updateButtons(() => this.confirm())}
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-change-hold-dialog': ChangeHoldDialog;
  }
}
