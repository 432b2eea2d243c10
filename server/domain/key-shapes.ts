/**
 * The documented shape of every value that can become part of a store key (README, "Keys a request
 * cannot bend"). The storage layer reads characters in a key: unstorage turns `/` and `\` into its
 * `:` separator, drops everything after `?`, and refuses `.` / `..` segments, so `B1`, `B1/` and
 * `B1?x` would be one key. Hence two lines of defence:
 * - the edge checks each request value against its shape here, and answers as the route answers
 *   any bad value (400 invalid_input for a body, 401 for login / issuance, 404 for a path id);
 * - the key builders (records.ts) refuse any key part outside KEY_PART, so a value that slipped
 *   past a route is a clean error, never an alias and never a path the driver interprets.
 * All classes are ASCII: full-width digits and other look-alikes are refused, not folded.
 */

/** What a key part may be made of: ASCII letters, digits, `_` and `-` (so never a separator, `.`, `?`, `%`). */
export const KEY_PART = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * 利用券番号: ASCII digits, 4 to 20 of them. Koganei's cards (and the demo's) have 10 digits; the
 * range leaves room for other libraries' numbering without admitting a value no card can have.
 */
export const CARD_NUMBER = /^[0-9]{4,20}$/;

/**
 * Ids the server makes itself (patrons, loans, holds, want-to-read entries and categories,
 * sessions): base64url or base32 text, so letters, digits, `_` and `-`, at most 64.
 */
export const SERVER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** 書誌ID, given by staff or made by the server (`B0000001`): letters, digits, `_`, `-`; 1–32. */
export const BIB_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** バーコード of a copy, given by staff: letters, digits and `-`; 1–32. */
export const BARCODE = /^[A-Za-z0-9-]{1,32}$/;

/**
 * `Idempotency-Key` of a renewal: letters, digits, `_`, `-`; 1–128. The page and the service
 * worker send `crypto.randomUUID()` (36 characters: hex digits and hyphens). No minimum beyond
 * one: a key is scoped to its patron (and its loan), so a short one collides with nobody else's.
 */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{1,128}$/;

/** シリーズ予約番号 in a path: a whole number from 1, at most 9 digits. */
export const SERIES_NO = /^[1-9][0-9]{0,8}$/;
