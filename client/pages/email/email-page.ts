import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { announce } from '../../app/announcer.ts';
import { fetchAccount } from '../../data/account.ts';
import { ApiFailure } from '../../data/api.ts';
import { updateEmail } from '../../data/email.ts';
import { currentPatron, setCurrentPatron } from '../../data/session.ts';
import { errorText } from '../../i18n/labels.ts';
import { plain, rt } from '../../i18n/ruby.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { crumbs } from '../forms/crumbs.ts';
import { formStyles } from '../forms/form-styles.ts';

type Field = 'email' | 'confirm' | null;

function emailRefusal(failure: ApiFailure): { field: Field; text: string } {
  switch (failure.code) {
    case 'invalid_email':
      return { field: 'email', text: msg('メールアドレスの形式が正しくありません。「name@example.jp」のように入力してください。', { id: 'email.refused.invalid_email' }) };
    case 'email_mismatch':
      return { field: 'confirm', text: msg('[E-mail1]と(再入力)が一致しません。同じメールアドレスを2回入力してください。', { id: 'email.refused.email_mismatch' }) };
    case 'email_in_use':
      return { field: null, text: msg('連絡方法が「メール」の予約があるため、メールアドレスを削除できません。先に予約の連絡方法を変更してください。', { id: 'email.refused.email_in_use' }) };
    default:
      return { field: null, text: errorText(failure) };
  }
}

/**
 * メール登録・変更 (/email, seed §5): the current address, [E-mail1] and (再入力), 登録・変更.
 * Both fields empty deletes the address. Success: 「登録されました。」
 */
@customElement('shiori-email-page')
export class EmailPage extends LitElement {
  static override styles = [sharedStyles, formStyles];

  /** undefined until known. */
  @state() private current: string | null | undefined = currentPatron()?.email;
  @state() private refusal: { field: Field; text: string } | null = null;
  @state() private done = '';
  @state() private busy = false;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadCurrent();
  }

  private async loadCurrent(): Promise<void> {
    try {
      this.current = (await fetchAccount()).snapshot.patron.email;
    } catch {
      /* a 401 goes to login; otherwise keep what the session said */
    }
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (this.busy) return;
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const emailConfirm = String(data.get('emailConfirm') ?? '').trim();
    this.busy = true;
    this.refusal = null;
    this.done = '';
    try {
      const registered = await updateEmail(email, emailConfirm);
      this.current = registered;
      const patron = currentPatron();
      if (patron) setCurrentPatron({ ...patron, email: registered });
      this.done = registered
        ? msg('登録されました。', { id: 'email.done' })
        : msg('メールアドレスの登録を削除しました。', { id: 'email.deleted' });
      form.reset();
      announce(plain(this.done));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#done')?.focus();
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) return; // on the way to the login page
      this.refusal = err instanceof ApiFailure ? emailRefusal(err) : { field: null, text: String(err) };
      announce(plain(this.refusal.text));
      await this.updateComplete;
      const target = this.refusal.field === 'email' ? '#email' : this.refusal.field === 'confirm' ? '#email-confirm' : '#refusal';
      this.renderRoot.querySelector<HTMLElement>(target)?.focus();
    } finally {
      this.busy = false;
    }
  }

  private field(id: string, name: string, label: string, field: Field) {
    const invalid = this.refusal?.field === field;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input id=${id} name=${name} type="email" autocomplete="email" inputmode="email"
        aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${['delete-note', invalid ? `${id}-error` : ''].filter(Boolean).join(' ')} />
      ${invalid ? html`<p class="error" id="${id}-error">${rt(this.refusal!.text)}</p>` : null}
    </div>`;
  }

  override render() {
    const title = msg('メール登録・変更', { id: 'email.heading' });
    return html`
      ${crumbs(title)}
      <h1>${rt(title)}</h1>
      <p>
        ${rt(msg('現在のメールアドレス', { id: 'email.current' }))}:
        <strong id="current-email">${this.current === undefined
          ? '…'
          : this.current ?? rt(msg('登録されていません', { id: 'email.none' }))}</strong>
      </p>
      ${this.done ? html`<p id="done" class="notice ok" tabindex="-1">${rt(this.done)}</p>` : null}
      ${this.refusal && this.refusal.field === null
        ? html`<p id="refusal" class="notice warn" tabindex="-1">${rt(this.refusal.text)}</p>`
        : null}
      <p id="delete-note">${rt(msg('* 登録内容を削除する場合は、欄を空にして下さい。', { id: 'email.deleteNote' }))}</p>
      <form @submit=${this.submit} novalidate>
        ${this.field('email', 'email', '[E-mail1]', 'email')}
        ${this.field('email-confirm', 'emailConfirm', msg('(再入力)', { id: 'email.confirm' }), 'confirm')}
        <div><button type="submit" ?disabled=${this.busy}>${rt(msg('登録・変更', { id: 'email.submit' }))}</button></div>
      </form>
      <p class="reason">${rt(msg('アドレスが正しく登録・変更されると、図書館からメールが届きます。図書館からの確認メールが届かない場合は、メール受信・拒否設定及びアドレス等の確認をお願いいたします。', { id: 'email.confirmationNote' }))}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-email-page': EmailPage;
  }
}
