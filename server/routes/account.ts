/** GET /api/account → AccountSnapshot (SPEC §7). */
import type { H3 } from 'h3';
import type { AppContext } from '../context.ts';
import { requirePatron } from '../auth/require-patron.ts';
import { accountSnapshot } from '../account/snapshot.ts';
import { apiError } from '../http/errors.ts';

export function registerAccountRoutes(app: H3, ctx: AppContext): void {
  app.get('/api/account', async (event) => {
    const { patronId } = await requirePatron(event, ctx);
    const snapshot = await accountSnapshot(ctx, patronId);
    if (!snapshot) apiError(401, 'unauthenticated');
    event.res.headers.set('cache-control', 'no-store');
    return snapshot;
  });
}
