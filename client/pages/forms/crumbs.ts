/** トップ / 利用状況一覧 / <this page>, as on the seed's screens. */
import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { href } from '../../app/navigate.ts';
import { plain, rt } from '../../i18n/ruby.ts';

export function crumbs(current: string, underAccount = true): TemplateResult {
  return html`<nav class="crumbs" aria-label=${plain(msg('現在位置', { id: 'crumbs.label' }))}>
    <ol>
      <li><a href=${href('/')}>${rt(msg('トップ', { id: 'crumbs.top' }))}</a></li>
      ${underAccount ? html`<li><a href=${href('/account')}>${rt(msg('利用状況一覧', { id: 'crumbs.account' }))}</a></li>` : null}
      <li aria-current="page">${rt(current)}</li>
    </ol>
  </nav>`;
}
