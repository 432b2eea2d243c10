import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import type { PatronSummary } from '../../../common/api.ts';
import { announce } from '../../app/announcer.ts';
import { libraryContext, servicesContext, sessionContext, type AppServices, type LibraryState } from '../../app/context.ts';
import { askApp } from '../../app/events.ts';
import { explained, loadFailureText, showsFailure, failureText } from '../../app/page-load.ts';
import { ApiFailure } from '../../data/api.ts';
import { updatePreferences } from '../../data/preferences.ts';
import { plain, rt } from '../../i18n/ruby.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { crumbs } from '../forms/crumbs.ts';
import { formStyles } from '../forms/form-styles.ts';
import { holdFields, type HoldChoice } from '../holding/hold-fields.ts';
import { loadHoldStart } from '../holding/hold-defaults.ts';

/**
 * 受取館・連絡方法 初期設定 (/preferences): the values every new hold starts with, among the
 * library's own branches. メール needs a registered address (email_not_registered). The current
 * values load through a @lit/task.
 * @fires shiori-session-change - the patron's new defaults
 */
@customElement('shiori-preferences-page')
export class PreferencesPage extends LitElement {
  static override styles = [sharedStyles, formStyles];

  @consume({ context: servicesContext })
  private services!: AppServices;

  @consume({ context: libraryContext, subscribe: true })
  private library: LibraryState = { info: null, failure: null };

  @consume({ context: sessionContext, subscribe: true })
  private patron: PatronSummary | null = null;

  /** What the patron changed (null: as loaded). */
  @state() private chosen: HoldChoice | null = null;
  @state() private done = '';
  @state() private problem = '';
  @state() private busy = false;

  private readonly start = new Task(this, {
    task: async (_args, { signal }) => explained(loadHoldStart(this.services.api, signal)),
    args: () => [] as const,
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  private get choice(): HoldChoice | null {
    return this.chosen ?? this.start.value?.choice ?? null;
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const choice = this.choice;
    if (!choice || this.busy) return;
    this.busy = true;
    this.done = '';
    this.problem = '';
    const defaults = { pickupBranch: choice.pickupBranch, contactMethod: choice.contactMethod };
    try {
      await updatePreferences(this.services.api, defaults);
      if (this.patron) askApp(this, 'shiori-session-change', { patron: { ...this.patron, defaults } });
      this.done = msg('初期設定を変更しました。', { id: 'preferences.done' });
      announce(plain(this.done));
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) return;
      this.problem = await failureText(err, { policy: this.library.info?.policy });
      announce(plain(this.problem));
    } finally {
      this.busy = false;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(this.done ? '#done' : '#problem')?.focus();
  }

  private renderForm(choice: HoldChoice) {
    return html`<form @submit=${this.submit}>
      ${holdFields({
        idPrefix: 'pref',
        value: choice,
        policy: this.library.info?.policy,
        onChange: (change) => (this.chosen = { ...this.choice!, ...change }),
        hasEmail: this.start.value?.hasEmail ?? true,
      })}
      <div><button type="submit" ?disabled=${this.busy}>${rt(msg('登録', { id: 'form.register' }))}</button></div>
    </form>`;
  }

  override render() {
    const title = msg('受取館・連絡方法 初期設定', { id: 'preferences.heading' });
    const loading = () => html`<p role="status">${rt(msg('読み込んでいます…', { id: 'title.loading' }))}</p>`;
    return html`
      ${crumbs(title)}
      <h1>${rt(title)}</h1>
      <p>${rt(msg('予約するときの受取館と連絡方法の初期値です。予約のたびに変えることもできます。', { id: 'preferences.intro' }))}</p>
      ${this.done ? html`<p id="done" class="notice ok" tabindex="-1">${rt(this.done)}</p>` : null}
      ${this.problem ? html`<p id="problem" class="notice warn" tabindex="-1">${rt(this.problem)}</p>` : null}
      ${this.start.render({
        initial: loading,
        pending: loading,
        complete: () => (this.choice ? this.renderForm(this.choice) : null),
        error: (error) => (showsFailure(error) ? html`<p id="problem" class="notice warn" tabindex="-1">${rt(loadFailureText(error))}</p>` : null),
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-preferences-page': PreferencesPage;
  }
}
