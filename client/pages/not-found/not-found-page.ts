import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { href } from '../../app/navigate.ts';
import { rt } from '../../i18n/ruby.ts';
import { sharedStyles } from '../../styles/shared.ts';

/** Any path no route knows. */
@customElement('shiori-not-found-page')
export class NotFoundPage extends LitElement {
  static override styles = sharedStyles;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    return html`<h1>${rt(msg('ページが見つかりません', { id: 'notFound.title' }))}</h1>
      <p>${rt(msg('お探しのページは移動したか、削除された可能性があります。', { id: 'notFound.body' }))}</p>
      <p><a href=${href('/account')}>${rt(msg('利用状況一覧', { id: 'account.title' }))}</a></p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-not-found-page': NotFoundPage;
  }
}
