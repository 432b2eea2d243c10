/** Navigation helpers: every in-app path goes through here so kiosk URLs keep their /kiosk prefix. */
import { Router } from '@vaadin/router';
import { routePrefix } from './kiosk.ts';

/** An app path ('/account') as a URL path for this mode ('/kiosk/account' in kiosk mode). */
export function href(path: string): string {
  return `${routePrefix()}${path}`;
}

export function navigate(path: string): void {
  Router.go(href(path));
}

/** The current app path without the kiosk prefix, with its query. */
export function currentAppPath(): string {
  const prefix = routePrefix();
  const path = location.pathname.startsWith(prefix) ? location.pathname.slice(prefix.length) : location.pathname;
  return `${path || '/'}${location.search}`;
}

/** Only same-app paths are accepted as a return target (no //host, no scheme). */
export function safeReturnPath(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/login')) return '/account';
  return value;
}

/** Sends the patron to login, remembering where they were. */
export function goToLogin(returnTo: string = currentAppPath()): void {
  navigate(`/login?return=${encodeURIComponent(safeReturnPath(returnTo))}`);
}
