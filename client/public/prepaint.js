/* Applies the stored display options before first paint (classic script: the CSP allows no inline
   scripts). Keep the key and attribute names in step with client/app/display-options.ts.
   A kiosk ignores stored options (a shared device keeps nothing): a /kiosk/ URL, or the kiosk flag
   cookie of a KIOSK=1 server (name in step with common/kiosk.ts). */
(function () {
  var o = null;
  var p = location.pathname;
  var kiosk = p === '/kiosk' || p.indexOf('/kiosk/') === 0 || ('; ' + document.cookie + ';').indexOf('; shiori_kiosk=1;') !== -1;
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
