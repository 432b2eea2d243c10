/** Layout of the patron's settings forms (password, e-mail, 初期設定, issuance). */
import { css } from 'lit';

export const formStyles = css`
  form { display: grid; gap: 0.75rem; max-width: 36rem; }
  .field { display: grid; gap: 0.25rem; }
  .field input, .field select { width: 100%; }
  input[aria-invalid='true'] { border: 0.1875rem solid var(--c-warn-border); }
  .field .error { margin: 0; color: var(--c-warn-text); font-weight: 700; }
  .field .error::before { content: '⚠ '; }
  nav.crumbs ol { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem; padding: 0; margin: 0.25rem 0; font-size: 0.875rem; }
  nav.crumbs li + li::before { content: '/'; margin-inline-end: 0.25rem; color: var(--c-muted); }
`;
