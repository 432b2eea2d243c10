import { LitElement, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { announce } from '../../app/announcer.ts';
import { servicesContext, type AppServices } from '../../app/context.ts';
import { ApiFailure } from '../../data/api.ts';
import { plain, rt } from '../../i18n/ruby.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { formStyles } from './form-styles.ts';
import { passwordFieldOf, type PasswordField, type Refusal } from './password-refusals.ts';
import { failureText } from '../../app/page-load.ts';

/** The element id of each field a refusal can point at. */
const FIELD_IDS: Record<Exclude<PasswordField, null>, string> = { current: 'current', new: 'new', confirm: 'confirm', card: 'card' };

/**
 * What パスワード変更 and パスワードの発行 share: sending the form once at a time, the success
 * message (focused and announced), and each refusal explained at its field (aria-invalid, focus).
 */
export abstract class PasswordForm extends LitElement {
  static override styles = [sharedStyles, formStyles];

  @consume({ context: servicesContext })
  protected services!: AppServices;

  @state() protected refusal: Refusal | null = null;
  @state() protected done = false;
  @state() protected busy = false;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** Sends the form's values (read by field name). */
  protected abstract send(value: (name: string) => string): Promise<void>;
  /** What to announce once it succeeded. */
  protected abstract doneText(): string;

  protected async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (this.busy) return;
    const data = new FormData(e.target as HTMLFormElement);
    this.busy = true;
    this.refusal = null;
    try {
      await this.send((name) => String(data.get(name) ?? ''));
      this.done = true;
      announce(plain(this.doneText()));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#done')?.focus();
    } catch (err) {
      if (err instanceof ApiFailure && err.code === 'unauthenticated') return; // on the way to the login page
      this.refusal = { field: passwordFieldOf(err), text: await failureText(err) };
      announce(plain(this.refusal.text));
      await this.updateComplete;
      const f = this.refusal.field;
      this.renderRoot.querySelector<HTMLElement>(f ? `#${FIELD_IDS[f]}` : '#refusal')?.focus();
    } finally {
      this.busy = false;
    }
  }

  /** A refusal that belongs to no single field, above the form. */
  protected formRefusal() {
    return this.refusal && this.refusal.field === null
      ? html`<p id="refusal" class="notice warn" tabindex="-1">${rt(this.refusal.text)}</p>`
      : null;
  }

  /** 新しいパスワード, 新しいパスワード(再) (both described by the note) and 登録: how both forms end. */
  protected newPasswordFieldsAndSubmit() {
    return html`${this.field('new', 'newPassword', msg('新しいパスワード', { id: 'password.new' }), 'password', 'new-password', 'new', 'note')}
      ${this.field('confirm', 'newPasswordConfirm', msg('新しいパスワード(再)', { id: 'password.confirm' }), 'password', 'new-password', 'confirm', 'note')}
      <div><button type="submit" ?disabled=${this.busy}>${rt(msg('登録', { id: 'form.register' }))}</button></div>`;
  }

  /**
   * One labelled field. `field` says which refusals concern it; 利用券番号 and 生年月日 fail
   * together (verification_failed), with one message under 利用券番号.
   */
  protected field(id: string, name: string, label: string, type: string, autocomplete: string, field: PasswordField, describedBy = '') {
    const invalid = this.refusal !== null && this.refusal.field === field;
    const errorId = field === 'card' ? 'card-error' : `${id}-error`;
    const showError = invalid && `${id}-error` === errorId;
    const ids = [describedBy, invalid ? errorId : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${rt(label)}</label>
      <input id=${id} name=${name} type=${type} autocomplete=${autocomplete} required
        inputmode=${type === 'text' ? 'numeric' : nothing} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${ids || nothing} />
      ${showError ? html`<p class="error" id=${errorId}>${rt(this.refusal!.text)}</p>` : null}
    </div>`;
  }
}
