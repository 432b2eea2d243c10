/**
 * 今度読みたい資料 (want-to-read list) rules ([docs/rules.md#want-to-read-list](../../docs/rules.md#want-to-read-list)). Pure: the stored list and a
 * request in, a new list or a refusal out. Ids and instants are passed in by the caller.
 */
import type { IsoInstant } from '../../common/api.ts';
import type { Refusal } from '../../common/refusals.ts';
import type { WishlistRecord } from '../domain/records.ts';

export const WISHLIST_MAX_CATEGORIES = 20;
export const WISHLIST_MAX_ENTRIES = 1000;
export const CATEGORY_NAME_MAX_LENGTH = 30;

export type WishlistRefusal =
  | { code: 'invalid_input'; reason: 'name_empty' | 'name_too_long' | 'name_control' | 'name_taken' }
  | { code: 'not_found'; what: 'category' | 'entry' }
  | { code: 'limit_reached'; what: 'categories' | 'entries'; limit: number };

/** The API's refusal of a list rule's: a name too long carries the limit its words name. */
export function wishlistRefusal(refusal: WishlistRefusal): Refusal {
  if (refusal.code !== 'invalid_input') return refusal;
  const { reason } = refusal;
  return reason === 'name_too_long' ? { code: 'invalid_input', reason, maxLength: CATEGORY_NAME_MAX_LENGTH } : { code: 'invalid_input', reason };
}

export type WishlistResult<T = WishlistRecord> = { ok: true; list: WishlistRecord; value: T } | { ok: false; refusal: WishlistRefusal };

export function emptyWishlist(): WishlistRecord {
  return { categories: [], entries: [] };
}

/** Control characters and line/paragraph separators: they would break one-line labels. */
const FORBIDDEN_IN_NAME = /[\p{Cc}\u2028\u2029]/u;

/**
 * A category name is kept verbatim (no trimming, no normalisation): 1–30 characters counted as
 * code points, not blank, no control characters.
 */
export function checkCategoryName(name: string): WishlistRefusal | null {
  const length = [...name].length;
  if (length === 0 || name.trim() === '') return { code: 'invalid_input', reason: 'name_empty' };
  if (length > CATEGORY_NAME_MAX_LENGTH) return { code: 'invalid_input', reason: 'name_too_long' };
  if (FORBIDDEN_IN_NAME.test(name)) return { code: 'invalid_input', reason: 'name_control' };
  return null;
}

function refuse(refusal: WishlistRefusal): { ok: false; refusal: WishlistRefusal } {
  return { ok: false, refusal };
}

/** Two categories with the same name could not be told apart on the page. */
function nameTaken(list: WishlistRecord, name: string, exceptId?: string): boolean {
  return list.categories.some((c) => c.name === name && c.id !== exceptId);
}

export function addCategory(
  list: WishlistRecord,
  name: string,
  newId: string,
): WishlistResult<{ id: string; name: string }> {
  const bad = checkCategoryName(name);
  if (bad) return refuse(bad);
  if (nameTaken(list, name)) return refuse({ code: 'invalid_input', reason: 'name_taken' });
  if (list.categories.length >= WISHLIST_MAX_CATEGORIES) {
    return refuse({ code: 'limit_reached', what: 'categories', limit: WISHLIST_MAX_CATEGORIES });
  }
  const category = { id: newId, name };
  return { ok: true, list: { ...list, categories: [...list.categories, category] }, value: category };
}

export function renameCategory(
  list: WishlistRecord,
  categoryId: string,
  name: string,
): WishlistResult<{ id: string; name: string }> {
  if (!list.categories.some((c) => c.id === categoryId)) return refuse({ code: 'not_found', what: 'category' });
  const bad = checkCategoryName(name);
  if (bad) return refuse(bad);
  if (nameTaken(list, name, categoryId)) return refuse({ code: 'invalid_input', reason: 'name_taken' });
  const category = { id: categoryId, name };
  return {
    ok: true,
    list: { ...list, categories: list.categories.map((c) => (c.id === categoryId ? category : c)) },
    value: category,
  };
}

/** Deleting a category keeps its titles: they go back to 未分類. */
export function deleteCategory(list: WishlistRecord, categoryId: string): WishlistResult<null> {
  if (!list.categories.some((c) => c.id === categoryId)) return refuse({ code: 'not_found', what: 'category' });
  return {
    ok: true,
    list: {
      categories: list.categories.filter((c) => c.id !== categoryId),
      entries: list.entries.map((e) => (e.categoryId === categoryId ? { ...e, categoryId: null } : e)),
    },
    value: null,
  };
}

export interface AddEntriesOutcome {
  /** Ids of the entries created, in request order. */
  addedIds: string[];
  /** Titles that were already on the list (or repeated in the request): left as they were. */
  alreadyListed: number;
}

/**
 * Adds titles; a title already on the list is left where it is (not moved, not duplicated).
 * All or nothing: if the new titles would take the list past its cap, none is added.
 */
export function addEntries(
  list: WishlistRecord,
  bibIds: readonly string[],
  categoryId: string | null,
  newId: () => string,
  now: IsoInstant,
): WishlistResult<AddEntriesOutcome> {
  if (categoryId !== null && !list.categories.some((c) => c.id === categoryId)) {
    return refuse({ code: 'not_found', what: 'category' });
  }
  const listed = new Set(list.entries.map((e) => e.bibId));
  const fresh: string[] = [];
  for (const bibId of bibIds) {
    if (listed.has(bibId)) continue;
    listed.add(bibId);
    fresh.push(bibId);
  }
  if (list.entries.length + fresh.length > WISHLIST_MAX_ENTRIES) {
    return refuse({ code: 'limit_reached', what: 'entries', limit: WISHLIST_MAX_ENTRIES });
  }
  const added = fresh.map((bibId) => ({ id: newId(), bibId, categoryId, addedAt: now }));
  return {
    ok: true,
    list: { ...list, entries: [...list.entries, ...added] },
    value: { addedIds: added.map((e) => e.id), alreadyListed: bibIds.length - fresh.length },
  };
}

/** Moves an entry to a category, or to 未分類 with `null`. */
export function moveEntry(list: WishlistRecord, entryId: string, categoryId: string | null): WishlistResult<string> {
  if (!list.entries.some((e) => e.id === entryId)) return refuse({ code: 'not_found', what: 'entry' });
  if (categoryId !== null && !list.categories.some((c) => c.id === categoryId)) {
    return refuse({ code: 'not_found', what: 'category' });
  }
  return {
    ok: true,
    list: { ...list, entries: list.entries.map((e) => (e.id === entryId ? { ...e, categoryId } : e)) },
    value: entryId,
  };
}

export function removeEntry(list: WishlistRecord, entryId: string): WishlistResult<null> {
  if (!list.entries.some((e) => e.id === entryId)) return refuse({ code: 'not_found', what: 'entry' });
  return { ok: true, list: { ...list, entries: list.entries.filter((e) => e.id !== entryId) }, value: null };
}
