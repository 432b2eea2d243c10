import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { announce } from '../../app/announcer.ts';
import { ApiFailure } from '../../data/api.ts';
import { changePassword } from '../../data/password.ts';
import { plain, rt } from '../../i18n/ruby.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { crumbs } from '../forms/crumbs.ts';
import { formStyles } from '../forms/form-styles.ts';
import { passwordNote } from '../forms/password-rules.ts';
import { passwordRefusal, type Refusal } from '../forms/password-refusals.ts';

/**
 * パスワード変更 (/password, seed §4): the note first, then 古いパスワード / 新しいパスワード /
 * 新しいパスワード(再) and 登録. Success: 「新しいパスワードに変更しました。」
 */
@customElement('shiori-password-page')
export class PasswordPage extends LitElement {
  static override styles = [sharedStyles, formStyles];

  @state() private refusal: Refusal | null = null;
  @state() private done = false;
  @state() private busy = false;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (this.busy) return;
    const data = new FormData(e.target as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? '');
    this.busy = true;
    this.refusal = null;
    try {
      await changePassword({
        currentPassword: value('currentPassword'),
        newPassword: value('newPassword'),
        newPasswordConfirm: value('newPasswordConfirm'),
      });
      this.done = true;
      announce(plain(this.successText()));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#done')?.focus();
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) return; // on the way to the login page
      this.refusal = err instanceof ApiFailure ? passwordRefusal(err) : { field: null, text: String(err) };
      announce(plain(this.refusal.text));
      await this.updateComplete;
      const target = { current: '#current', new: '#new', confirm: '#confirm', card: null }[this.refusal.field ?? 'card'];
      this.renderRoot.querySelector<HTMLElement>(target ?? '#refusal')?.focus();
    } finally {
      this.busy = false;
    }
  }

  private successText(): string {
    return msg('新しいパスワードに変更しました。', { id: 'password.done' });
  }

  private field(id: string, name: string, label: string, autocomplete: string, field: Refusal['field'], note: boolean) {
    const invalid = this.refusal?.field === field;
    const describedBy = [note ? 'note' : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${rt(label)}</label>
      <input id=${id} name=${name} type="password" autocomplete=${autocomplete} required
        aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${describedBy} />
      ${invalid ? html`<p class="error" id="${id}-error">${rt(this.refusal!.text)}</p>` : null}
    </div>`;
  }

  override render() {
    const title = msg('パスワード変更', { id: 'password.heading' });
    return html`
      ${crumbs(title)}
      <h1>${rt(title)}</h1>
      ${this.done
        ? html`<p id="done" class="notice ok" tabindex="-1">${rt(this.successText())}</p>`
        : html`<p id="note" class="notice">${rt(passwordNote())}</p>
            ${this.refusal && this.refusal.field === null
              ? html`<p id="refusal" class="notice warn" tabindex="-1">${rt(this.refusal.text)}</p>`
              : null}
            <form @submit=${this.submit} novalidate>
              ${this.field('current', 'currentPassword', msg('古いパスワード', { id: 'password.current' }), 'current-password', 'current', false)}
              ${this.field('new', 'newPassword', msg('新しいパスワード', { id: 'password.new' }), 'new-password', 'new', true)}
              ${this.field('confirm', 'newPasswordConfirm', msg('新しいパスワード(再)', { id: 'password.confirm' }), 'new-password', 'confirm', true)}
              <div><button type="submit" ?disabled=${this.busy}>${rt(msg('登録', { id: 'form.register' }))}</button></div>
            </form>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-password-page': PasswordPage;
  }
}
