/** Styles every page and dialog shares (each lives in its own shadow root). */
import { css } from 'lit';

export const sharedStyles = css`
  :host { display: block; }
  *, *::before, *::after { box-sizing: border-box; }
  [hidden] { display: none !important; }
  h1 { font-size: 1.5rem; margin: 0.5rem 0; }
  h2 { font-size: 1.25rem; margin: 0.75rem 0 0.5rem; }
  h3 { font-size: 1.1rem; margin: 0.75rem 0 0.5rem; }
  a { color: var(--c-link); }
  button, select, input { font: inherit; }
  button, .button {
    min-height: var(--target);
    min-width: var(--target);
    padding: 0.25rem 0.9rem;
    border: 0.125rem solid var(--c-primary);
    border-radius: var(--radius);
    background: var(--c-primary);
    color: var(--c-on-primary);
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.3rem;
  }
  button.secondary { background: var(--c-bg); color: var(--c-primary); }
  button:disabled { opacity: 1; background: var(--c-surface); color: var(--c-muted); border-color: var(--c-border); border-style: dashed; cursor: not-allowed; }
  :focus-visible { outline: 0.1875rem solid var(--c-focus); outline-offset: 0.125rem; }
  input, select { min-height: var(--target); padding: 0.25rem 0.5rem; border: 0.0625rem solid var(--c-border); border-radius: var(--radius); background: var(--c-bg); color: var(--c-text); max-width: 100%; }
  label { font-weight: 600; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .notice { border-inline-start: 0.375rem solid var(--c-primary); background: var(--c-info-bg); padding: 0.5rem 0.75rem; margin: 0.5rem 0; }
  .notice.warn { border-color: var(--c-warn-border); background: var(--c-warn-bg); color: var(--c-warn-text); }
  .notice.ok { border-color: var(--c-ok-border); background: var(--c-ok-bg); }
  .notice.pending { border-color: var(--c-pending-border); background: var(--c-pending-bg); }
  .reason { font-size: 0.875rem; color: var(--c-muted); }
  .badge { display: inline-flex; align-items: center; gap: 0.25rem; padding: 0 0.4rem; border: 0.125rem solid; border-radius: var(--radius); font-weight: 700; white-space: nowrap; }
  .badge.warn { border-color: var(--c-warn-border); background: var(--c-warn-bg); color: var(--c-warn-text); }
  .badge.ok { border-color: var(--c-ok-border); background: var(--c-ok-bg); color: var(--c-text); }
  .badge.pending { border-color: var(--c-pending-border); background: var(--c-pending-bg); color: var(--c-text); border-style: dashed; }
  .toolbar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0.5rem 0; }
  @media print {
    button, .no-print, select { display: none !important; }
  }
`;

/** Tables that scroll inside themselves and become cards on narrow screens (and at 200 % zoom). */
export const tableStyles = css`
  .table-wrap { overflow-x: auto; max-width: 100%; }
  table { border-collapse: collapse; width: 100%; }
  caption { text-align: start; font-weight: 700; padding: 0.25rem 0; }
  th, td { border: 0.0625rem solid var(--c-border); padding: 0.35rem 0.5rem; text-align: start; vertical-align: top; }
  th { background: var(--c-surface); white-space: nowrap; }
  th button.sort { background: transparent; color: var(--c-text); border: none; padding: 0; min-height: 0; min-width: 0; font-weight: 700; gap: 0.2rem; }
  th button.sort:focus-visible { outline: 0.1875rem solid var(--c-focus); }
  tr.overdue td { background: var(--c-warn-bg); }
  @media screen and (max-width: 48rem) {
    table, thead, tbody, tr, th, td { display: block; }
    thead tr { display: flex; flex-wrap: wrap; gap: 0.25rem; border: none; }
    thead th { border: none; background: none; padding: 0; }
    thead th:not([aria-sort]) { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    thead th[aria-sort] button.sort { border: 0.0625rem solid var(--c-border); border-radius: var(--radius); padding: 0.1rem 0.5rem; min-height: var(--target); }
    tbody tr { border: 0.0625rem solid var(--c-border); border-radius: var(--radius); margin: 0 0 0.75rem; padding: 0.25rem 0.5rem; }
    td { border: none; padding: 0.2rem 0; display: flex; gap: 0.5rem; flex-wrap: wrap; }
    td::before { content: attr(data-label); font-weight: 700; min-width: 7rem; }
    td:empty { display: none; }
  }
  @media print {
    .table-wrap { overflow: visible; }
    th button.sort { display: inline !important; padding: 0; }
    th button.sort span, .select-box { display: none !important; }
    th, td { border-color: #000; }
  }
`;
