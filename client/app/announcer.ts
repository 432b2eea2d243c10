/**
 * One polite live region for results (延長しました, errors), kept in the light DOM of <body>
 * so screen readers hear it wherever the focus is.
 */
const REGION_ID = 'shiori-live';

function liveRegion(): HTMLElement {
  const existing = document.getElementById(REGION_ID);
  if (existing) return existing;
  const region = document.createElement('div');
  region.id = REGION_ID;
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  region.className = 'visually-hidden';
  region.style.cssText = 'position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;';
  document.body.append(region);
  return region;
}

export function announce(text: string): void {
  const el = liveRegion();
  // Clear first so the same text twice is announced twice.
  el.textContent = '';
  requestAnimationFrame(() => {
    el.textContent = text;
  });
}
