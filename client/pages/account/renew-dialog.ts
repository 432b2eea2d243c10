import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg } from '@lit/localize';
import type { Loan } from '../../../common/api.ts';
import { addDays } from '../../../common/dates.ts';
import { libraryContext, type LibraryState } from '../../app/context.ts';
import { DialogBase } from '../../components/dialog-base.ts';
import { formatDate } from '../../i18n/labels.ts';
import { rt } from '../../i18n/ruby.ts';

declare global {
  interface HTMLElementEventMap {
    'renew-confirmed': CustomEvent<{ loans: Loan[] }>;
  }
}

/**
 * 【貸出延長確認】: the title(s) and the new 返却期限日 — the old due date plus the policy's
 * extension days, not today plus — and 更新する / 更新しない.
 * @fires renew-confirmed - detail: { loans } when the patron chose 更新する
 */
@customElement('shiori-renew-dialog')
export class RenewDialog extends DialogBase {
  @state() private loans: Loan[] = [];

  @consume({ context: libraryContext, subscribe: true })
  private library: LibraryState = { info: null, failure: null };

  show(loans: Loan[], opener: HTMLElement | null, fallback?: () => HTMLElement | null | undefined): Promise<void> {
    this.loans = loans;
    return this.showFrom(opener, fallback);
  }

  private confirm(): void {
    const loans = this.loans;
    this.close();
    this.dispatchEvent(new CustomEvent('renew-confirmed', { detail: { loans }, bubbles: true, composed: true }));
  }

  override render() {
    const title = msg('タイトル', { id: 'loans.col.title' });
    const due = msg('返却期限日', { id: 'loans.col.due' });
    const extensionDays = this.library.info?.policy.renewal.extensionDays;
    return html`<dialog aria-labelledby="renew-title" @close=${this.onDialogClose}>
      <h2 id="renew-title">【${rt(msg('貸出延長確認', { id: 'renew.dialog.title' }))}】</h2>
      ${this.loans.map(
        (loan) => html`<dl>
          <dt>${rt(title)}</dt><dd lang="ja">${loan.title}</dd>
          ${extensionDays === undefined ? nothing : html`<dt>${rt(due)}</dt><dd class="new-due">${formatDate(addDays(loan.dueOn, extensionDays))}</dd>`}
        </dl>`,
      )}
      ${this.updateButtons(() => this.confirm())}
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-renew-dialog': RenewDialog;
  }
}
