/* Runs before the modules (no inline scripts: CSP). Shipped as written, so comments stay short: the why is in
   README (Offline start). Names as in client/app/display-options.ts; a kiosk keeps no options. */
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
  /* The account page first, not a kiosk: its GET /api/account now, taken by client/data/account.ts. */
  if (!kiosk && /^\/(account(\/|$)|$)/.test(p)) {
    var a = (window.shioriStartAccount = fetch('/api/account', { headers: { Accept: 'application/json', 'Accept-Language': d.lang }, credentials: 'same-origin' }));
    a.catch(function () {});
    addEventListener('vaadin-router-go', function () { window.shioriStartAccount = null; }, { once: true });
  }
})();

/* ICU's first Intl.DateTimeFormat (60-270 ms) runs here, while the modules load. */
new Intl.DateTimeFormat('en-CA', { year: 'numeric' }).format(0);
