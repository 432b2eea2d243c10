import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { announce } from '../../app/announcer.ts';
import { ApiFailure } from '../../data/api.ts';
import { updatePreferences } from '../../data/preferences.ts';
import { currentPatron, setCurrentPatron } from '../../data/session.ts';
import { errorText } from '../../i18n/labels.ts';
import { plain, rt } from '../../i18n/ruby.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { crumbs } from '../forms/crumbs.ts';
import { formStyles } from '../forms/form-styles.ts';
import { holdFields, type HoldChoice } from '../holding/hold-fields.ts';
import { loadHoldStart } from '../holding/hold-defaults.ts';

/**
 * 受取館・連絡方法 初期設定 (/preferences): the values every new hold starts with.
 * メール needs a registered address (email_not_registered).
 */
@customElement('shiori-preferences-page')
export class PreferencesPage extends LitElement {
  static override styles = [sharedStyles, formStyles];

  @state() private choice: HoldChoice | null = null;
  @state() private hasEmail = true;
  @state() private done = '';
  @state() private problem = '';
  @state() private busy = false;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const start = await loadHoldStart();
      this.choice = start.choice;
      this.hasEmail = start.hasEmail;
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 401) return; // on the way to the login page
      this.problem = e instanceof ApiFailure ? errorText(e) : String(e);
    }
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!this.choice || this.busy) return;
    this.busy = true;
    this.done = '';
    this.problem = '';
    const defaults = { pickupBranch: this.choice.pickupBranch, contactMethod: this.choice.contactMethod };
    try {
      await updatePreferences(defaults);
      const patron = currentPatron();
      if (patron) setCurrentPatron({ ...patron, defaults });
      this.done = msg('初期設定を変更しました。', { id: 'preferences.done' });
      announce(plain(this.done));
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) return;
      this.problem =
        err instanceof ApiFailure && err.code === 'email_not_registered'
          ? msg('メールアドレスが登録されていないため、連絡方法を「メール」にできません。「メール登録・変更」で登録してから選んでください。', { id: 'preferences.refused.email_not_registered' })
          : err instanceof ApiFailure ? errorText(err) : String(err);
      announce(plain(this.problem));
    } finally {
      this.busy = false;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(this.done ? '#done' : '#problem')?.focus();
  }

  override render() {
    const title = msg('受取館・連絡方法 初期設定', { id: 'preferences.heading' });
    return html`
      ${crumbs(title)}
      <h1>${rt(title)}</h1>
      <p>${rt(msg('予約するときの受取館と連絡方法の初期値です。予約のたびに変えることもできます。', { id: 'preferences.intro' }))}</p>
      ${this.done ? html`<p id="done" class="notice ok" tabindex="-1">${rt(this.done)}</p>` : null}
      ${this.problem ? html`<p id="problem" class="notice warn" tabindex="-1">${rt(this.problem)}</p>` : null}
      ${this.choice
        ? html`<form @submit=${this.submit}>
            ${holdFields({ idPrefix: 'pref', value: this.choice, onChange: (change) => (this.choice = { ...this.choice!, ...change }), hasEmail: this.hasEmail })}
            <div><button type="submit" ?disabled=${this.busy}>${rt(msg('登録', { id: 'form.register' }))}</button></div>
          </form>`
        : this.problem ? null : html`<p role="status">${rt(msg('読み込んでいます…', { id: 'title.loading' }))}</p>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-preferences-page': PreferencesPage;
  }
}
