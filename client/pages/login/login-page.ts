import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { RouterLocation } from '@vaadin/router';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { announce } from '../../app/announcer.ts';
import { kioskContext, servicesContext, type AppServices } from '../../app/context.ts';
import { askApp } from '../../app/events.ts';
import { href, navigate, safeReturnPath } from '../../app/navigate.ts';
import { logIn } from '../../data/login.ts';
import { replayRenewals } from '../../data/sw-bridge.ts';
import { rt } from '../../i18n/ruby.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { failureText } from '../../app/page-load.ts';

/**
 * ログイン: 利用券番号 and パスワード, 送信 / 戻る; comes back to the return path afterwards.
 * @fires shiori-session-change - who logged in (and whether the server made it a kiosk session)
 */
@customElement('shiori-login-page')
export class LoginPage extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      form { display: grid; gap: 0.75rem; max-width: 26rem; }
      .field { display: grid; gap: 0.25rem; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; }
    `,
  ];

  /** Set by Vaadin Router: `?return=` is where to go after the login. */
  @property({ attribute: false }) location: RouterLocation | null = null;

  @consume({ context: servicesContext })
  private services!: AppServices;

  @consume({ context: kioskContext, subscribe: true })
  private kiosk = false;

  @state() private error: string | null = null;
  @state() private busy = false;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  private get returnPath(): string {
    return safeReturnPath(new URLSearchParams(this.location?.search ?? '').get('return'));
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const card = (form.elements.namedItem('card') as HTMLInputElement).value.trim();
    const password = (form.elements.namedItem('password') as HTMLInputElement).value;
    if (!card || !password) {
      this.error = msg('利用券番号とパスワードを入力してください。', { id: 'login.missing' });
      return;
    }
    this.busy = true;
    try {
      const session = await logIn(this.services.api, card, password, this.kiosk);
      askApp(this, 'shiori-session-change', { patron: session.patron, kiosk: session.kiosk });
      this.error = null;
      replayRenewals();
      announce(msg('ログインしました', { id: 'login.done' }));
      navigate(this.returnPath);
    } catch (err) {
      this.error = await failureText(err);
      announce(this.error);
    } finally {
      this.busy = false;
    }
  }

  /** 戻る: the page before, or かんたん検索 (where the library's top page is) when login was the first page. */
  private goBack = () => {
    if (history.length > 1) history.back();
    else navigate('/search');
  };

  override render() {
    return html`
      <h1>${rt(msg('ログイン', { id: 'header.login' }))}</h1>
      <p>${rt(msg('利用券番号とパスワードを入力してください。', { id: 'login.intro' }))}</p>
      ${this.error ? html`<p class="notice warn error" role="alert" id="login-error">${this.error}</p>` : nothing}
      <form @submit=${this.submit} novalidate>
        <div class="field">
          <label for="card">${rt(msg('利用券番号', { id: 'login.card' }))}</label>
          <input id="card" name="card" inputmode="numeric" autocomplete="username" required
            aria-invalid=${this.error ? 'true' : 'false'} aria-describedby=${this.error ? 'login-error' : nothing}>
        </div>
        <div class="field">
          <label for="password">${rt(msg('パスワード', { id: 'login.password' }))}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required
            aria-invalid=${this.error ? 'true' : 'false'}>
        </div>
        <div class="actions">
          <button type="submit" ?disabled=${this.busy}>${rt(msg('送信', { id: 'login.submit' }))}</button>
          <button type="button" class="secondary" @click=${this.goBack}>${rt(msg('戻る', { id: 'login.back' }))}</button>
        </div>
      </form>
      <p><a href=${href('/password-issuance')}>${rt(msg('新規パスワード発行の方はこちら', { id: 'login.issuance' }))}</a></p>
      <p class="reason">${rt(msg('パスワードを発行していない方は、上記リンクから登録をお願いいたします。', { id: 'login.issuanceNote' }))}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-login-page': LoginPage;
  }
}
