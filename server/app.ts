/**
 * The h3 app: global middleware in the order it runs, then the route modules, then the API 404
 * and the static app (with the SPA fallback). Tests call `createApp(ctx).fetch(new Request(...))`.
 *
 * To add a resource: write `server/routes/<resource>.ts` exporting
 * `register<Resource>Routes(app, ctx)`, import it below and add it to ROUTE_MODULES.
 */
import { fileURLToPath } from 'node:url';
import { H3, onError, type H3Event } from 'h3';
import type { AppContext } from './context.ts';
import { apiError, errorResponse } from './http/errors.ts';
import { checkRequestOrigin, setSecurityHeaders, withSecurityHeaders } from './http/security.ts';
import { serveApp } from './http/static.ts';
import { requestIsHttps } from './http/client-address.ts';
import { registerSessionRoutes } from './routes/session.ts';
import { registerAccountRoutes } from './routes/account.ts';
import { registerLoanRoutes } from './routes/loans.ts';
import { registerStaffRoutes } from './routes/staff.ts';
import { registerCatalogRoutes } from './routes/catalog.ts';
import { registerWishlistRoutes } from './routes/wishlist.ts';
import { registerEmailRoutes } from './routes/email.ts';
import { registerPasswordRoutes } from './routes/password.ts';
import { registerPreferencesRoutes } from './routes/preferences.ts';
import { registerLibraryRoutes } from './routes/library.ts';
import { registerHoldsRoutes } from './routes/holds.ts';
import { registerStaffCirculationRoutes } from './routes/staff-circulation.ts';
import { registerNotificationRoutes } from './routes/notifications.ts';
import { registerPushRoutes } from './routes/push.ts';
import { registerCalendarFeedRoutes } from './routes/calendar-feed.ts';
import { registerStaffNotificationRoutes } from './routes/staff-notifications.ts';

export type RegisterRoutes = (app: H3, ctx: AppContext) => void;

/** Every API resource, one line each. */
const ROUTE_MODULES: RegisterRoutes[] = [
  registerSessionRoutes,
  registerAccountRoutes,
  registerLoanRoutes,
  registerStaffRoutes,
  registerCatalogRoutes,
  registerWishlistRoutes,
  registerEmailRoutes,
  registerPasswordRoutes,
  registerPreferencesRoutes,
  registerLibraryRoutes,
  registerHoldsRoutes,
  registerStaffCirculationRoutes,
  registerNotificationRoutes,
  registerPushRoutes,
  // Also GET /calendar/<token>.ics, outside /api: registered here, before the SPA fallback.
  registerCalendarFeedRoutes,
  registerStaffNotificationRoutes,
];

export const DEFAULT_APP_DIR = fileURLToPath(new URL('../dist/app', import.meta.url));

export function createApp(ctx: AppContext, opts: { appDir?: string } = {}): H3 {
  const overHttps = (event: H3Event) => requestIsHttps(event, ctx.config.trustProxy);
  const app = new H3({
    // Last resort for errors raised outside the middleware chain (e.g. a malformed URL).
    onError: (error, event) => withSecurityHeaders(errorResponse(error, event, ctx.log), overHttps(event)),
  });

  // 1. Security headers on every response, errors included (set first, merged by h3 into the
  //    response: wrapping each response in a copy would turn every body into a stream); HSTS when
  //    the request came over HTTPS.
  app.use((event) => {
    setSecurityHeaders(event, overHttps(event));
  });
  // 2. Any thrown error → `{error: {code, message}}` JSON (500 `internal` only for the unexpected).
  app.use(onError((error, event) => errorResponse(error, event, ctx.log)));
  // 3. CSRF: state-changing /api requests from another origin → 403 forbidden.
  app.use((event) => {
    checkRequestOrigin(event);
  });

  // 4. The API.
  for (const register of ROUTE_MODULES) register(app, ctx);
  app.all('/api/**', () => apiError('not_found'));
  app.all('/api', () => apiError('not_found'));

  // 5. The built app, with index.html for every other page path (/kiosk/… included).
  const serve = serveApp(opts.appDir ?? DEFAULT_APP_DIR, { kiosk: ctx.config.kiosk, overHttps });
  app.get('/**', serve);
  app.get('/', serve);
  return app;
}
