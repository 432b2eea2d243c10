/** GET /api/account → AccountSnapshot ([docs/api.md](../../docs/api.md)). */
import type { H3 } from 'h3';
import type { AppContext } from '../context.ts';
import { requirePatron } from '../auth/require-patron.ts';
import { accountSnapshotJson } from '../account/snapshot.ts';
import { mayShowCardNumber } from '../account/card-number.ts';
import { apiError } from '../http/errors.ts';

export function registerAccountRoutes(app: H3, ctx: AppContext): void {
  app.get('/api/account', async (event) => {
    const { patronId, patron, session } = await requirePatron(event, ctx);
    const body = await accountSnapshotJson(ctx, patronId, { seen: patron, withCardNumber: mayShowCardNumber(event, ctx, session) });
    // The patron's record is gone: the session has ended with it.
    if (body === null) apiError('unauthenticated');
    event.res.headers.set('cache-control', 'no-store');
    // Already JSON (kept between requests while the account is unchanged): sent as it is.
    event.res.headers.set('content-type', 'application/json;charset=UTF-8');
    return body;
  });
}
