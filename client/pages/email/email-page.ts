import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import type { PatronSummary } from '../../../common/api.ts';
import { announce } from '../../app/announcer.ts';
import { servicesContext, sessionContext, type AppServices } from '../../app/context.ts';
import { askApp } from '../../app/events.ts';
import { fetchAccount } from '../../data/account.ts';
import { ApiFailure } from '../../data/api.ts';
import { updateEmail } from '../../data/email.ts';
import { plain, rt } from '../../i18n/ruby.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { crumbs } from '../forms/crumbs.ts';
import { formStyles } from '../forms/form-styles.ts';
import { failureText } from '../../app/page-load.ts';

type Field = 'email' | 'confirm' | null;

/** The field a refusal is about (its words come from the refusal catalogue). */
function fieldOf(error: unknown): Field {
  const code = error instanceof ApiFailure ? error.code : null;
  return code === 'invalid_email' ? 'email' : code === 'email_mismatch' ? 'confirm' : null;
}

/**
 * メール登録・変更 (/email, [docs/rules.md#e-mail](../../../docs/rules.md#e-mail)): the current address, [E-mail1] and (再入力), 登録・変更.
 * Both fields empty deletes the address. Success: 「登録されました。」 The current address loads
 * through a @lit/task (what the session said is shown meanwhile).
 * @fires shiori-session-change - the patron's new address
 */
@customElement('shiori-email-page')
export class EmailPage extends LitElement {
  static override styles = [sharedStyles, formStyles];

  @consume({ context: servicesContext })
  private services!: AppServices;

  @consume({ context: sessionContext, subscribe: true })
  private patron: PatronSummary | null = null;

  /** The address registered now, as this page last learnt it (undefined: not yet). */
  @state() private registered: string | null | undefined = undefined;
  @state() private refusal: { field: Field; text: string } | null = null;
  @state() private done = '';
  @state() private busy = false;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** A 401 goes to login; another failure leaves what the session said on screen. */
  private readonly account = new Task(this, {
    task: async (_args, { signal }) => (await fetchAccount(this.services.api, signal)).snapshot.patron.email,
    args: () => [] as const,
  });

  /** undefined until known. */
  private get current(): string | null | undefined {
    if (this.registered !== undefined) return this.registered;
    return this.account.value !== undefined ? this.account.value : this.patron?.email;
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
      const registered = await updateEmail(this.services.api, email, emailConfirm);
      this.registered = registered;
      if (this.patron) askApp(this, 'shiori-session-change', { patron: { ...this.patron, email: registered } });
      this.done = registered
        ? msg('登録されました。', { id: 'email.done' })
        : msg('メールアドレスの登録を削除しました。', { id: 'email.deleted' });
      form.reset();
      announce(plain(this.done));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#done')?.focus();
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) return; // on the way to the login page
      this.refusal = { field: fieldOf(err), text: await failureText(err) };
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
