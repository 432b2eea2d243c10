import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { changePassword } from '../../data/password.ts';
import { rt } from '../../i18n/ruby.ts';
import { crumbs } from '../forms/crumbs.ts';
import { PasswordForm } from '../forms/password-form.ts';
import { passwordNote } from '../forms/password-rules.ts';

/**
 * パスワード変更 (/password, [docs/rules.md#passwords](../../../docs/rules.md#passwords)): the note first, then 古いパスワード / 新しいパスワード /
 * 新しいパスワード(再) and 登録. Success: 「新しいパスワードに変更しました。」
 */
@customElement('shiori-password-page')
export class PasswordPage extends PasswordForm {
  protected override send(value: (name: string) => string): Promise<void> {
    return changePassword(this.services.api, {
      currentPassword: value('currentPassword'),
      newPassword: value('newPassword'),
      newPasswordConfirm: value('newPasswordConfirm'),
    });
  }

  protected override doneText(): string {
    return msg('新しいパスワードに変更しました。', { id: 'password.done' });
  }

  override render() {
    const title = msg('パスワード変更', { id: 'password.heading' });
    return html`
      ${crumbs(title)}
      <h1>${rt(title)}</h1>
      ${this.done
        ? html`<p id="done" class="notice ok" tabindex="-1">${rt(this.doneText())}</p>`
        : html`<p id="note" class="notice">${rt(passwordNote())}</p>
            ${this.formRefusal()}
            <form @submit=${this.submit} novalidate>
              ${this.field('current', 'currentPassword', msg('古いパスワード', { id: 'password.current' }), 'password', 'current-password', 'current')}
              ${this.newPasswordFieldsAndSubmit()}
            </form>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-password-page': PasswordPage;
  }
}
