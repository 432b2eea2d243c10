import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { announce } from '../../app/announcer.ts';
import { href } from '../../app/navigate.ts';
import { ApiFailure } from '../../data/api.ts';
import { issuePassword } from '../../data/issuance.ts';
import { plain, rt } from '../../i18n/ruby.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { crumbs } from '../forms/crumbs.ts';
import { formStyles } from '../forms/form-styles.ts';
import { passwordNote } from '../forms/password-rules.ts';
import { passwordRefusal, type PasswordField, type Refusal } from '../forms/password-refusals.ts';

const FIELD_IDS: Record<Exclude<PasswordField, null | 'current'>, string> = { card: 'card', new: 'new', confirm: 'confirm' };

/**
 * パスワードの発行 (/password-issuance, no login): a card without a password proves itself with
 * 利用券番号 + 生年月日 and sets 新しいパスワード (twice). 201 → a link to log in.
 */
@customElement('shiori-password-issuance-page')
export class PasswordIssuancePage extends LitElement {
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
      await issuePassword({
        cardNumber: value('cardNumber').trim(),
        birthDate: value('birthDate'),
        newPassword: value('newPassword'),
        newPasswordConfirm: value('newPasswordConfirm'),
      });
      this.done = true;
      announce(plain(msg('パスワードを発行しました。ログインしてください。', { id: 'issuance.done' })));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#done')?.focus();
    } catch (err) {
      this.refusal = err instanceof ApiFailure ? passwordRefusal(err) : { field: null, text: String(err) };
      announce(plain(this.refusal.text));
      await this.updateComplete;
      const f = this.refusal.field;
      const target = f && f !== 'current' ? `#${FIELD_IDS[f]}` : '#refusal';
      this.renderRoot.querySelector<HTMLElement>(target)?.focus();
    } finally {
      this.busy = false;
    }
  }

  private field(id: string, name: string, label: string, type: string, autocomplete: string, field: PasswordField, describedBy = '') {
    const invalid = this.refusal?.field === field;
    // 利用券番号 and 生年月日 fail together: one message, under the card number.
    const errorId = field === 'card' ? 'card-error' : `${id}-error`;
    const showError = invalid && `${id}-error` === errorId;
    const ids = [describedBy, invalid ? errorId : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${rt(label)}</label>
      <input id=${id} name=${name} type=${type} autocomplete=${autocomplete} required
        inputmode=${type === 'text' ? 'numeric' : ''} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${ids} />
      ${showError ? html`<p class="error" id=${errorId}>${rt(this.refusal!.text)}</p>` : null}
    </div>`;
  }

  override render() {
    const title = msg('パスワードの発行', { id: 'issuance.heading' });
    return html`
      ${crumbs(title, false)}
      <h1>${rt(title)}</h1>
      ${this.done
        ? html`<div id="done" class="notice ok" tabindex="-1">
            <p>${rt(msg('パスワードを発行しました。ログインしてください。', { id: 'issuance.done' }))}</p>
            <p><a href=${href('/login')}>${rt(msg('ログイン', { id: 'issuance.toLogin' }))}</a></p>
          </div>`
        : html`<p>${rt(msg('パスワードを発行していない方は、利用券番号と生年月日を入力して、パスワードを登録してください。', { id: 'issuance.intro' }))}</p>
            ${this.refusal && this.refusal.field === null
              ? html`<p id="refusal" class="notice warn" tabindex="-1">${rt(this.refusal.text)}</p>`
              : null}
            <form @submit=${this.submit} novalidate>
              ${this.field('card', 'cardNumber', msg('利用券番号', { id: 'issuance.card' }), 'text', 'username', 'card')}
              ${this.field('birth', 'birthDate', msg('生年月日', { id: 'issuance.birthDate' }), 'date', 'bday', 'card')}
              <p id="note" class="notice">${rt(passwordNote())}</p>
              ${this.field('new', 'newPassword', msg('新しいパスワード', { id: 'password.new' }), 'password', 'new-password', 'new', 'note')}
              ${this.field('confirm', 'newPasswordConfirm', msg('新しいパスワード(再)', { id: 'password.confirm' }), 'password', 'new-password', 'confirm', 'note')}
              <div><button type="submit" ?disabled=${this.busy}>${rt(msg('登録', { id: 'form.register' }))}</button></div>
            </form>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-password-issuance-page': PasswordIssuancePage;
  }
}
