/* The start's work before the app's modules arrive (classic script: the CSP allows no inline scripts).
   1. Applies the stored display options before first paint. Keep the key and attribute names in step
      with client/app/display-options.ts. A kiosk (/kiosk/ URL, or common/kiosk.ts's flag cookie)
      ignores them: a shared device keeps nothing.
   2. Starts ICU (below). */
(function () {
  var o = null;
  var p = location.pathname;
  var kiosk = p === '/kiosk' || p.indexOf('/kiosk/') === 0 || /(^|; )shiori_kiosk=1(;|$)/.test(document.cookie);
  try {
    if (!kiosk) o = JSON.parse(localStorage.getItem('shiori.display') || 'null');
  } catch (e) {
    o = null;
  }
  o = o || {};
  var d = document.documentElement;
  d.setAttribute('data-palette', o.palette === 'cud' ? 'cud' : 'standard');
  d.setAttribute('data-audience', o.audience === 'kids' ? 'kids' : 'adult');
  d.setAttribute('data-size', o.size === 's' || o.size === 'l' ? o.size : 'm');
  d.setAttribute('lang', o.lang === 'en' ? 'en' : 'ja');
})();

/* The first Intl.DateTimeFormat of a page loads ICU's data: 60-270 ms of main thread on these machines
   (any later formatter, in any locale, zone or pattern: under 3 ms). Done here it falls in the time the
   page waits for its modules (the preload scanner has asked for them already) instead of after the
   account page has sent GET /api/account: an answer the SW gives from the snapshot in milliseconds
   would otherwise wait for it (test/bench/offline-start.ts). */
new Intl.DateTimeFormat('en-CA', { year: 'numeric' }).format(0);
