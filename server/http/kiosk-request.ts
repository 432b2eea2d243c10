/**
 * Whether a request comes from a kiosk, a shared machine: a KIOSK=1 server, a device with the kiosk
 * flag cookie (kiosk-flag.ts), a /kiosk/ page (X-Shiori-Kiosk) or a kiosk login. Such a request
 * never gets the patron's whole card number (利用者カード's barcode: only on the patron's own device;
 * a kiosk gets the masked number, like everything else it shows), and its account answer says it is a
 * kiosk's, so that the service worker keeps nothing of it whatever it knows of the device.
 */
import type { H3Event } from 'h3';
import { hasKioskFlag, kioskHeaderSaysKiosk } from '../../common/kiosk.ts';
import { KIOSK_HEADER } from '../../common/offline.ts';
import type { SessionRecord } from '../auth/session-store.ts';
import type { AppContext } from '../context.ts';

export function requestIsKiosk(event: H3Event, ctx: AppContext, session: Pick<SessionRecord, 'kiosk'>): boolean {
  const headers = event.req.headers;
  return ctx.config.kiosk || session.kiosk || kioskHeaderSaysKiosk(headers.get(KIOSK_HEADER)) || hasKioskFlag(headers.get('cookie'));
}
