import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { href } from '../../app/navigate.ts';
import { issuePassword } from '../../data/issuance.ts';
import { rt } from '../../i18n/ruby.ts';
import { crumbs } from '../forms/crumbs.ts';
import { PasswordForm } from '../forms/password-form.ts';
import { passwordNote } from '../forms/password-rules.ts';

/**
 * パスワードの発行 (/password-issuance, no login): a card without a password proves itself with
 * 利用券番号 + 生年月日 and sets 新しいパスワード (twice). 201 → a link to log in.
 */
@customElement('shiori-password-issuance-page')
export class PasswordIssuancePage extends PasswordForm {
  protected override send(value: (name: string) => string): Promise<void> {
    return issuePassword(this.services.api, {
      cardNumber: value('cardNumber').trim(),
      birthDate: value('birthDate'),
      newPassword: value('newPassword'),
      newPasswordConfirm: value('newPasswordConfirm'),
    });
  }

  protected override doneText(): string {
    return msg('パスワードを発行しました。ログインしてください。', { id: 'issuance.done' });
  }

  override render() {
    const title = msg('パスワードの発行', { id: 'issuance.heading' });
    return html`
      ${crumbs(title, false)}
      <h1>${rt(title)}</h1>
      ${this.done
        ? html`<div id="done" class="notice ok" tabindex="-1">
            <p>${rt(this.doneText())}</p>
            <p><a href=${href('/login')}>${rt(msg('ログイン', { id: 'issuance.toLogin' }))}</a></p>
          </div>`
        : html`<p>${rt(msg('パスワードを発行していない方は、利用券番号と生年月日を入力して、パスワードを登録してください。', { id: 'issuance.intro' }))}</p>
            ${this.formRefusal()}
            <form @submit=${this.submit} novalidate>
              ${this.field('card', 'cardNumber', msg('利用券番号', { id: 'issuance.card' }), 'text', 'username', 'card')}
              ${this.field('birth', 'birthDate', msg('生年月日', { id: 'issuance.birthDate' }), 'date', 'bday', 'card')}
              <p id="note" class="notice">${rt(passwordNote())}</p>
              ${this.newPasswordFieldsAndSubmit()}
            </form>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-password-issuance-page': PasswordIssuancePage;
  }
}
