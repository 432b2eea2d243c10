/** Sortable table columns: a button in the header cell, aria-sort on the cell itself. */
import { html, type TemplateResult } from 'lit';

export type SortDirection = 'ascending' | 'descending';
export interface SortState<K extends string> {
  key: K | null;
  direction: SortDirection;
}

export function nextSort<K extends string>(state: SortState<K>, key: K): SortState<K> {
  if (state.key !== key) return { key, direction: 'ascending' };
  return { key, direction: state.direction === 'ascending' ? 'descending' : 'ascending' };
}

export function sortRows<T, K extends string>(rows: readonly T[], state: SortState<K>, value: (row: T, key: K) => string | number): T[] {
  const key = state.key;
  if (!key) return [...rows];
  const sign = state.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a, key);
    const y = value(b, key);
    return x < y ? -sign : x > y ? sign : 0;
  });
}

export function sortableHeader<K extends string>(
  label: string | TemplateResult,
  key: K,
  state: SortState<K>,
  onSort: (key: K) => void,
): TemplateResult {
  const sorted = state.key === key ? state.direction : 'none';
  const arrow = sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '⇅';
  return html`<th scope="col" aria-sort=${sorted}>
    <button type="button" class="sort" @click=${() => onSort(key)}>${label}<span aria-hidden="true">${arrow}</span></button>
  </th>`;
}
