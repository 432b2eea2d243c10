/**
 * One polite live region for results (延長しました, errors), kept in the light DOM of <body>
 * so screen readers hear it wherever the focus is.
 */
let region: HTMLElement | null = null;

function liveRegion(): HTMLElement {
  if (region && region.isConnected) return region;
  region = document.createElement('div');
  region.id = 'shiori-live';
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

/** The last announcement (for tests and for the visible status line). */
export function lastAnnouncement(): string {
  return region?.textContent ?? '';
}
