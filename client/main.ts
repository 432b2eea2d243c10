// Entry: apply the stored display options and language, start the PWA side, then the shell (which
// owns the app's state and starts the router).
import { applyToDocument, storedDisplayOptions } from './app/display-options.ts';
import { kioskAtStart } from './app/kiosk.ts';
import { localeFor, setLocale } from './i18n/localize.ts';
import { startPwa } from './pwa/start-pwa.ts';
import './app/shiori-app.ts';

const options = storedDisplayOptions(kioskAtStart());
applyToDocument(options);
// The shell stays hidden (app.css) until its language is loaded: no flash of the wrong words.
void setLocale(localeFor(options)).finally(() => {
  document.documentElement.dataset['ready'] = '';
});
startPwa();
