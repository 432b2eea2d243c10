import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import type { Hold } from '../../../common/api.ts';
import { DialogBase } from '../../components/dialog-base.ts';
import { ApiFailure } from '../../data/api.ts';
import { placeHold } from '../../data/holds.ts';
import { errorText } from '../../i18n/labels.ts';
import { plain, rt } from '../../i18n/ruby.ts';
import { holdFields, type HoldChoice } from './hold-fields.ts';
import { loadHoldStart } from './hold-defaults.ts';
import { holdRefusalText } from './refusals.ts';

export interface HoldTarget {
  bibId: string;
  title: string;
}

/**
 * 【予約確認】 for one title: 受取館 and 連絡方法 start at the patron's 初期設定, 予約待ち期限日 is
 * optional; 予約する / 予約しない. A refusal is explained inside the dialog (the patron may change
 * 連絡方法 and try again); success closes it.
 * @fires hold-placed - detail: { hold, title }
 */
@customElement('shiori-place-hold-dialog')
export class PlaceHoldDialog extends DialogBase {
  @state() private target: HoldTarget | null = null;
  @state() private choice: HoldChoice | null = null;
  @state() private hasEmail = true;
  @state() private today = '';
  @state() private busy = false;
  @state() private problem = '';

  /** Loads the patron's defaults (a 401 goes to login), then opens. */
  async show(target: HoldTarget, opener: HTMLElement | null): Promise<void> {
    this.target = target;
    this.problem = '';
    this.choice = null;
    try {
      const start = await loadHoldStart();
      this.choice = start.choice;
      this.hasEmail = start.hasEmail;
      this.today = start.today;
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 401) return; // on the way to the login page
      this.problem = e instanceof ApiFailure ? errorText(e) : String(e);
      this.choice = { pickupBranch: 'central', contactMethod: 'none', notNeededAfter: '' };
    }
    await this.showFrom(opener);
    this.renderRoot.querySelector<HTMLSelectElement>('select')?.focus();
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!this.target || !this.choice || this.busy) return;
    this.busy = true;
    this.problem = '';
    const { pickupBranch, contactMethod, notNeededAfter } = this.choice;
    try {
      const hold: Hold = await placeHold({
        bibId: this.target.bibId,
        pickupBranch,
        contactMethod,
        ...(notNeededAfter ? { notNeededAfter } : {}),
      });
      const detail = { hold, title: this.target.title };
      this.close();
      this.dispatchEvent(new CustomEvent('hold-placed', { detail, bubbles: true, composed: true }));
    } catch (err) {
      this.problem = err instanceof ApiFailure ? holdRefusalText(err) : String(err);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#hold-problem')?.focus();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const t = this.target;
    return html`<dialog aria-labelledby="hold-title" @close=${this.onDialogClose}>
      <h2 id="hold-title">【${rt(msg('予約確認', { id: 'placeHold.dialog.title' }))}】</h2>
      <form @submit=${this.submit}>
        ${t ? html`<dl><dt>${rt(msg('タイトル', { id: 'loans.col.title' }))}</dt><dd>${t.title}</dd></dl>` : null}
        ${this.choice
          ? holdFields({
              idPrefix: 'hold',
              value: this.choice,
              onChange: (change) => (this.choice = { ...this.choice!, ...change }),
              minDate: this.today,
              hasEmail: this.hasEmail,
            })
          : null}
        ${this.problem
          ? html`<p id="hold-problem" class="notice warn" role="alert" tabindex="-1">${rt(this.problem)}</p>`
          : null}
        <div class="actions">
          <button type="submit" class="confirm" ?disabled=${this.busy}>${rt(msg('予約する', { id: 'placeHold.confirm' }))}</button>
          <button type="button" class="secondary cancel" @click=${() => this.close()}>${rt(msg('予約しない', { id: 'placeHold.cancel' }))}</button>
        </div>
        ${this.busy ? html`<p class="reason" role="status">${plain(msg(str`${t?.title ?? ''} を予約しています…`, { id: 'placeHold.sending' }))}</p>` : null}
      </form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-place-hold-dialog': PlaceHoldDialog;
  }
}
