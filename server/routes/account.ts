/** GET /api/account → AccountSnapshot ([docs/api.md](../../docs/api.md)). */
import type { H3 } from 'h3';
import type { AppContext } from '../context.ts';
import { requirePatron } from '../auth/require-patron.ts';
import { accountSnapshotJson, titleKeysOfLastView } from '../account/snapshot.ts';
import { requestIsKiosk } from '../http/kiosk-request.ts';
import { KIOSK_HEADER } from '../../common/offline.ts';
import { apiError } from '../http/errors.ts';

export function registerAccountRoutes(app: H3, ctx: AppContext): void {
  app.get('/api/account', async (event) => {
    // The titles of the patron's last view are read with the session and the patron, in one step.
    const { patronId, patron, session, alongside } = await requirePatron(event, ctx, { alongside: titleKeysOfLastView });
    const kiosk = requestIsKiosk(event, ctx, session);
    const body = await accountSnapshotJson(ctx, patronId, { seen: patron, seenWith: alongside, withCardNumber: !kiosk });
    // The patron's record is gone: the session has ended with it.
    if (body === null) apiError('unauthenticated');
    event.res.headers.set('cache-control', 'no-store');
    // A kiosk's answer says so: the service worker keeps nothing of it, even on a device it does not
    // know to be a kiosk yet (the start's own request can come before the session's).
    if (kiosk) event.res.headers.set(KIOSK_HEADER, '1');
    // Already JSON (kept between requests while the account is unchanged): sent as it is.
    event.res.headers.set('content-type', 'application/json;charset=UTF-8');
    return body;
  });
}
