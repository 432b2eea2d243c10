/** GET /api/account → AccountSnapshot ([docs/api.md](../../docs/api.md)). */
import type { H3 } from 'h3';
import type { AppContext } from '../context.ts';
import { requireSession } from '../auth/require-patron.ts';
import { accountSnapshot } from '../account/snapshot.ts';
import { apiError } from '../http/errors.ts';

export function registerAccountRoutes(app: H3, ctx: AppContext): void {
  app.get('/api/account', async (event) => {
    const { patronId } = await requireSession(event, ctx);
    const snapshot = await accountSnapshot(ctx, patronId);
    // The patron's record is gone: the session has ended with it.
    if (!snapshot) apiError('unauthenticated');
    event.res.headers.set('cache-control', 'no-store');
    return snapshot;
  });
}
