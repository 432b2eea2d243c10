/**
 * The calendar feed's secret URL (`/calendar/<token>.ics`). The token is 256 random bits
 * (crypto.randomBytes, base64url: 43 characters); the store keeps only its SHA-256
 * (`feed:<hash>` → the patron, and the hash in the patron's settings), so a copy of the store —
 * a backup, a Redis dump — does not open anyone's feed. Hence the URL is shown once, when it is
 * created; a new URL revokes the old one, and so does deleting it. Unknown or revoked → 404.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { notificationKeys, type FeedRecord } from '../../domain/records.ts';
import { readSettings, writeSettings } from '../settings-store.ts';

/** What a token looks like: 32 bytes as base64url. Anything else is not looked up. */
export const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A new feed for the patron (the old one, if any, stops working); returns the token. */
export async function createFeed(ctx: AppContext, patronId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const hash = tokenHash(token);
  const createdAt = ctx.clock.now().toISOString();
  await ctx.store.transaction(async (tx) => {
    const settings = await readSettings(tx, patronId, ctx.policy);
    if (settings.calendar.tokenHash) tx.remove(notificationKeys.feed(settings.calendar.tokenHash));
    tx.set(notificationKeys.feed(hash), { patronId, createdAt } satisfies FeedRecord);
    await writeSettings(tx, patronId, { ...settings, calendar: { ...settings.calendar, tokenHash: hash, createdAt } });
  });
  return token;
}

export async function revokeFeed(ctx: AppContext, patronId: string): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    const settings = await readSettings(tx, patronId, ctx.policy);
    if (!settings.calendar.tokenHash) return;
    tx.remove(notificationKeys.feed(settings.calendar.tokenHash));
    await writeSettings(tx, patronId, { ...settings, calendar: { ...settings.calendar, tokenHash: null, createdAt: null } });
  });
}

/** The patron whose live feed `token` opens, or null. */
export async function feedOwner(ctx: AppContext, token: string): Promise<string | null> {
  if (!FEED_TOKEN.test(token)) return null;
  const hash = tokenHash(token);
  const feed = await ctx.store.get<FeedRecord>(notificationKeys.feed(hash));
  if (!feed) return null;
  // The settings name the patron's one live feed: an index entry alone never opens a feed.
  const settings = await readSettings(ctx.store, feed.patronId, ctx.policy);
  return settings.calendar.tokenHash === hash ? feed.patronId : null;
}
