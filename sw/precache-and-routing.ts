/**
 * The app shell ([docs/rules.md#offline](../docs/rules.md#offline)): every built file (index.html, the entry, every lazy page chunk,
 * manifest, icons) is precached, and every navigation outside /api is answered with the
 * precached index.html, so the app starts with no network on any route, /kiosk/ ones included.
 */
/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

export function registerAppShell(manifest: Array<PrecacheEntry | string>): void {
  precacheAndRoute(manifest);
  cleanupOutdatedCaches();
  registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api(\/|$)/] }));
}
