/** Layout of a title's facts and action buttons (search results and the title page). */
import { css } from 'lit';

export const titleStyles = css`
  .title-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.5rem 0; }
  .title-actions a.in-cart { display: inline-flex; align-items: center; min-height: var(--target); padding: 0 0.5rem; }
  .availability { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0.25rem 0; }
  .facts { margin: 0.25rem 0; color: var(--c-muted); }
`;
