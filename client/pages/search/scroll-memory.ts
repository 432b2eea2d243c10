/**
 * Where the patron had scrolled in a list of results, per URL, for this browser tab
 * (sessionStorage: nothing personal, gone with the tab), so 戻る lands on the same result.
 */
const PREFIX = 'shiori.scroll:';
let pending = 0;

export function rememberScroll(key: string): void {
  if (pending) return;
  pending = requestAnimationFrame(() => {
    pending = 0;
    try {
      sessionStorage.setItem(PREFIX + key, String(Math.round(window.scrollY)));
    } catch {
      /* storage blocked: nothing to restore later */
    }
  });
}

export function restoreScroll(key: string): void {
  let y = 0;
  try {
    y = Number(sessionStorage.getItem(PREFIX + key) ?? 0);
  } catch {
    y = 0;
  }
  if (y > 0) window.scrollTo(0, y);
}
