/**
 * The server's ids (patrons, loans, holds, want-to-read entries and categories, push
 * subscriptions): 96 random bits, URL-safe, after a one-letter prefix that says what the id is
 * for when it turns up in a log. They fit the server id shape (key-shapes.ts).
 */
import { randomBytes } from 'node:crypto';

export function newId(prefix: 'p' | 'l' | 'h' | 'w' | 'c' | 's'): string {
  return `${prefix}${randomBytes(12).toString('base64url')}`;
}
