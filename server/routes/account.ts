/** GET /api/account → AccountSnapshot ([docs/api.md](../../docs/api.md)). */
import type { H3 } from 'h3';
import type { AppContext } from '../context.ts';
import { requireSession } from '../auth/require-patron.ts';
import { accountSnapshot } from '../account/snapshot.ts';
import { mayShowCardNumber } from '../account/card-number.ts';
import { apiError } from '../http/errors.ts';

export function registerAccountRoutes(app: H3, ctx: AppContext): void {
  app.get('/api/account', async (event) => {
    const { patronId, session } = await requireSession(event, ctx);
    const snapshot = await accountSnapshot(ctx, patronId, { withCardNumber: mayShowCardNumber(event, ctx, session) });
    // The patron's record is gone: the session has ended with it.
    if (!snapshot) apiError(401, 'unauthenticated');
    event.res.headers.set('cache-control', 'no-store');
    return snapshot;
  });
}
