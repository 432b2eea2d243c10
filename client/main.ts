// Entry: apply the stored display options and language, start the PWA side, then the shell (which
// owns the app's state and starts the router).
import { applyToDocument, storedDisplayOptions } from './app/display-options.ts';
import { kioskAtStart } from './app/kiosk.ts';
import { askAccountAtStart, asksAccountAtStart } from './data/start-account.ts';
import { localeFor, setLocale } from './i18n/localize.ts';
import { startPwa } from './pwa/start-pwa.ts';
import './app/shiori-app.ts';

const kiosk = kioskAtStart();
const options = storedDisplayOptions(kiosk);
applyToDocument(options);
// The shell (upgraded by its import above) has just asked GET /api/session: the account page's
// snapshot is asked beside it, not after the page's chunk has run.
if (asksAccountAtStart({ path: location.pathname, kiosk })) {
  askAccountAtStart(document.querySelector('shiori-app')!.state.services.api);
}
// The shell stays hidden (app.css) until its language is loaded: no flash of the wrong words.
void setLocale(localeFor(options)).finally(() => {
  document.documentElement.dataset['ready'] = '';
});
startPwa();
