/**
 * Serves the built app (dist/app): files with their content type, hashed chunks cached for a
 * year, index.html and sw.js never cached without revalidation, and every other non-/api GET
 * (/, /loans, /kiosk/…) answered with index.html so the client router takes over. index.html also
 * carries the kiosk flag cookie (kiosk-flag.ts): the page must know it is a kiosk before first paint.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { H3Event } from 'h3';
import { kioskFlagCookie } from './kiosk-flag.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Rollup's `[name]-[hash].js` chunks: content-addressed, so they can be cached for good. */
const HASHED = /-[A-Za-z0-9_-]{8,}\.(js|css|mjs)$/;

function cacheControl(file: string): string {
  if (file.endsWith('index.html') || file.endsWith('sw.js')) return 'no-cache';
  if (HASHED.test(file)) return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}

async function fileResponse(root: string, file: string, head: boolean): Promise<Response | null> {
  const full = join(root, file);
  try {
    const st = await stat(full);
    if (!st.isFile()) return null;
    const body = head ? null : await readFile(full);
    return new Response(body, {
      headers: {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': cacheControl(file),
        'content-length': String(st.size),
      },
    });
  } catch {
    return null;
  }
}

export interface ServeAppOptions {
  /** KIOSK=1: every page is kiosk mode. */
  kiosk?: boolean;
  /** Whether a request came over HTTPS (the kiosk flag cookie is then Secure). */
  overHttps?: (event: H3Event) => boolean;
}

export function serveApp(root: string, options: ServeAppOptions = {}) {
  const withKioskFlag = (event: H3Event, res: Response): Response => {
    const cookie = kioskFlagCookie(options.kiosk === true, event.req.headers.get('cookie'), options.overHttps?.(event) ?? false);
    if (cookie) res.headers.append('set-cookie', cookie);
    return res;
  };
  return async (event: H3Event): Promise<Response> => {
    const head = event.req.method === 'HEAD';
    let path: string;
    try {
      path = decodeURIComponent(event.url.pathname);
    } catch {
      path = '/';
    }
    const rel = normalize(path).replace(/^([/\\])+/, '');
    if (!rel.startsWith('..') && !rel.includes(`..${sep}`) && rel !== '') {
      const found = await fileResponse(root, rel, head);
      if (found) return rel === 'index.html' ? withKioskFlag(event, found) : found;
      // A missing asset (has an extension, not a page) is a plain 404, not the app.
      if (extname(rel) !== '' && !rel.startsWith('kiosk')) {
        return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
      }
    }
    const index = await fileResponse(root, 'index.html', head);
    return (
      (index && withKioskFlag(event, index)) ??
      new Response('The app is not built yet: run `npm run build`.', {
        status: 503,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      })
    );
  };
}
