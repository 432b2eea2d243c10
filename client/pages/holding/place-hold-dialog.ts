import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import type { Hold } from '../../../common/api.ts';
import { libraryContext, servicesContext, type AppServices, type LibraryState } from '../../app/context.ts';
import { explained, LoadFailure, failureText } from '../../app/page-load.ts';
import { DialogBase } from '../../components/dialog-base.ts';
import { placeHold } from '../../data/holds.ts';
import { plain, rt } from '../../i18n/ruby.ts';
import { firstBranch, holdFields, type HoldChoice } from './hold-fields.ts';
import { loadHoldStart } from './hold-defaults.ts';

export interface HoldTarget {
  bibId: string;
  title: string;
}

declare global {
  interface HTMLElementEventMap {
    'hold-placed': CustomEvent<{ hold: Hold; title: string }>;
  }
}

/**
 * 【予約確認】 for one title: 受取館 and 連絡方法 start at the patron's 初期設定, 予約待ち期限日 is
 * optional; 予約する / 予約しない. A refusal is explained inside the dialog (the patron may change
 * 連絡方法 and try again); success closes it.
 * @fires hold-placed - detail: { hold, title }
 */
@customElement('shiori-place-hold-dialog')
export class PlaceHoldDialog extends DialogBase {
  @consume({ context: servicesContext })
  private services!: AppServices;

  @consume({ context: libraryContext, subscribe: true })
  private library: LibraryState = { info: null, failure: null };

  /** The patron's 初期設定, loaded each time the dialog opens. */
  private readonly start = new Task(this, {
    task: async (_args, { signal }) => explained(loadHoldStart(this.services.api, signal)),
    args: () => [] as const,
    autoRun: false,
  });

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
    await this.start.run();
    const start = this.start.value;
    if (this.start.status === TaskStatus.COMPLETE && start) {
      this.choice = start.choice;
      this.hasEmail = start.hasEmail;
      this.today = start.today;
    } else {
      const failure = this.start.error;
      if (failure instanceof LoadFailure && failure.unauthenticated) return; // on the way to the login page
      this.problem = failure instanceof LoadFailure ? failure.text : String(failure);
      this.choice = { pickupBranch: firstBranch(this.library.info?.policy), contactMethod: 'none', notNeededAfter: '' };
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
      const hold: Hold = await placeHold(this.services.api, {
        bibId: this.target.bibId,
        pickupBranch,
        contactMethod,
        ...(notNeededAfter ? { notNeededAfter } : {}),
      });
      const detail = { hold, title: this.target.title };
      this.close();
      this.dispatchEvent(new CustomEvent('hold-placed', { detail, bubbles: true, composed: true }));
    } catch (err) {
      this.problem = await failureText(err, { policy: this.library.info?.policy, notFound: 'title' });
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
              policy: this.library.info?.policy,
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
