/**
 * The phone layout of the account lists (below 40em, on screen only: print and wide screens keep
 * the seed's table). Each row becomes a card: the title as its heading, then what the patron acts
 * on (a loan's due date and 延長; a hold's status and 受取館) at full size, then the other columns
 * smaller, two to a line. The count summary and the sort buttons fold behind a button each.
 */
import { css, html, type TemplateResult } from 'lit';
import { rt } from '../i18n/ruby.ts';
import { narrowScreen } from './narrow-screen.ts';

/** `.fold-row` holds the phone's fold buttons; a `.foldable` is hidden on a phone until `.open`. */
export const foldStyles = css`
  .fold-row { display: none; }
  @media screen and ${narrowScreen} {
    .fold-row { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0 0 0.375rem; }
    .foldable:not(.open) { display: none !important; }
  }
`;

/** A disclosure button (phone only) for the `.foldable` with id `controls`. */
export function foldButton(label: string, controls: string, open: boolean, toggle: () => void): TemplateResult {
  return html`<button type="button" class="secondary fold" aria-expanded=${open ? 'true' : 'false'} aria-controls=${controls}
    @click=${toggle}>${rt(label)} <span aria-hidden="true">${open ? '▴' : '▾'}</span></button>`;
}

/**
 * table.cards rows as cards: cells `.title` (the heading), `.lead` / `.act` (the first line:
 * the fact and what to do about it), `.minor` (the rest, smaller), `.no` (not on a card).
 */
export const cardStyles = css`
  .days-left { display: none; }
  @media screen and ${narrowScreen} {
    table.cards tbody tr { display: flex; flex-wrap: wrap; align-items: center; gap: 0 0.75rem; padding: 0.25rem 0.75rem 0.375rem; }
    /* A line break after the first line's cells: the other columns start a line of their own. */
    table.cards tbody tr::before { content: ''; order: 0; flex-basis: 100%; }
    table.cards td { min-width: 0; }
    table.cards td.no { display: none; }
    table.cards td.title { display: block; flex: 1 1 100%; order: -3; font-weight: 700; font-size: 1.1rem; line-height: 1.3; }
    table.cards td.title::before, table.cards td.act::before { display: none; }
    table.cards td.lead { order: -2; flex: 1 1 0; flex-wrap: wrap; align-items: baseline; font-weight: 700; font-size: 1.05rem; }
    table.cards td.act { order: -1; flex: 0 1 auto; margin-inline-start: auto; }
    table.cards td.lead::before { min-width: 0; font-weight: 400; font-size: 0.875rem; }
    table.cards td.minor { flex: 1 1 40%; font-size: 0.875rem; gap: 0 0.4rem; padding: 0; }
    table.cards td.minor::before { min-width: 0; font-weight: 400; color: var(--c-muted); }
    .days-left { display: inline-block; padding: 0 0.4rem; border: 0.0625rem solid currentColor; border-radius: var(--radius); font-size: 0.875rem; }
  }
`;
