/**
 * Where the patron had scrolled in a list of results, per URL, for this browser tab
 * (sessionStorage: nothing personal, gone with the tab), so 戻る lands on the same result.
 */
const PREFIX = 'shiori.scroll:';
export function rememberScroll(key: string): void {
  try {
    sessionStorage.setItem(PREFIX + key, String(Math.round(window.scrollY)));
  } catch {
    /* storage blocked: nothing to restore later */
  }
}

export function restoreScroll(key: string): void {
  let y = 0;
  try {
    y = Number(sessionStorage.getItem(PREFIX + key) ?? 0);
  } catch {
    y = 0;
  }
  if (y <= 0) return;
  // The page is still settling for a moment: the previous page leaves the outlet after this one
  // arrived, and scroll anchoring then shifts the position. Hold it for a few frames.
  let frames = 0;
  const hold = () => {
    if (Math.abs(window.scrollY - y) > 1) window.scrollTo(0, y);
    if (++frames < 10) requestAnimationFrame(hold);
  };
  hold();
}
