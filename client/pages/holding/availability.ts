/** 在庫あり / 貸出中 and 予約 n件 for a title: words and a symbol, never colour alone. */
import { html, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { MaterialType, SearchResult } from '../../../common/api.ts';
import { rt } from '../../i18n/ruby.ts';

export function materialName(type: MaterialType): string {
  switch (type) {
    case 'book': return msg('図書', { id: 'material.book' });
    case 'magazine': return msg('雑誌', { id: 'material.magazine' });
    default: return msg('CD', { id: 'material.cd' });
  }
}

export function availability(item: Pick<SearchResult, 'available' | 'holds'>): TemplateResult {
  const onShelf = item.available > 0;
  const holds = item.holds;
  return html`<span class="availability">
    ${onShelf
      ? html`<span class="badge ok"><span aria-hidden="true">○</span>${rt(msg('在庫あり', { id: 'availability.onShelf' }))}</span>`
      : html`<span class="badge pending"><span aria-hidden="true">×</span>${rt(msg('貸出中', { id: 'availability.onLoan' }))}</span>`}
    <span>${rt(msg(str`予約 ${holds}件`, { id: 'availability.holds' }))}</span>
  </span>`;
}
