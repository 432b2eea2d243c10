/* Before the modules arrive (classic script: the CSP allows no inline scripts): applies the stored display
   options before first paint, and starts ICU (below). Keep the key and attribute names in step with
   client/app/display-options.ts. A kiosk (/kiosk/ URL, or common/kiosk.ts's flag cookie) ignores them:
   a shared device keeps nothing. */
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

/* Starts ICU: a page's first Intl.DateTimeFormat costs 60-270 ms here (later ones < 3 ms). Here it runs while
   the modules load, not after GET /api/account is sent (test/bench/offline-start.ts). */
new Intl.DateTimeFormat('en-CA', { year: 'numeric' }).format(0);
