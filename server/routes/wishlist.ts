/**
 * 今度読みたい資料 ([docs/rules.md#want-to-read-list](../../docs/rules.md#want-to-read-list), [docs/api.md](../../docs/api.md)): the patron's want-to-read list, stored in PatronRecord.wishlist.
 * GET /api/wishlist · POST /api/wishlist/entries · POST /api/wishlist/from-loans ·
 * PATCH|DELETE /api/wishlist/entries/:id · POST /api/wishlist/categories ·
 * PATCH|DELETE /api/wishlist/categories/:id. Another patron's ids are simply not found.
 */
import { newId } from '../domain/ids.ts';
import type { H3, H3Event } from 'h3';
import * as v from 'valibot';
import type { Wishlist, WishlistAddResult, WishlistEntry } from '../../common/api.ts';
import { updatePatron } from '../account/patron-update.ts';
import { requirePatron, requireSession } from '../auth/require-patron.ts';
import type { AppContext } from '../context.ts';
import { keys, type PatronRecord, type TitleRecord, type WishlistRecord } from '../domain/records.ts';
import { apiError } from '../http/errors.ts';
import { idParam, readJsonBody } from '../http/validate.ts';
import { BibIdSchema, ServerIdSchema, jsonObject } from '../http/request-shapes.ts';
import type { Tx } from '../storage/store.ts';
import {
  addCategory,
  addEntries,
  deleteCategory,
  moveEntry,
  removeEntry,
  renameCategory,
  WISHLIST_MAX_ENTRIES,
  wishlistRefusal,
  type WishlistResult,
} from '../rules/wishlist.ts';

const AddEntriesBody = jsonObject({
  bibIds: v.pipe(v.array(BibIdSchema), v.minLength(1), v.maxLength(WISHLIST_MAX_ENTRIES)),
  categoryId: v.optional(v.nullable(ServerIdSchema)),
});
const MoveEntryBody = jsonObject({ categoryId: v.nullable(ServerIdSchema) });
/** Length and characters are the rule's business (so its messages apply); this only bounds the body. */
const CategoryBody = jsonObject({ name: v.pipe(v.string(), v.maxLength(1000)) });

type Titles = Pick<TitleRecord, 'title' | 'author' | 'materialType'>;

/** The titles of `bibIds`, read as one state (one batch read). */
async function readTitles(source: Pick<Tx, 'getMany'>, bibIds: Iterable<string>): Promise<Map<string, Titles | null>> {
  const unique = [...new Set(bibIds)];
  const records = await source.getMany<TitleRecord>(unique.map((bibId) => keys.title(bibId)));
  return new Map(unique.map((bibId, i) => [bibId, records[i] ?? null]));
}

function entryView(entry: WishlistRecord['entries'][number], title: Titles | null | undefined): WishlistEntry {
  return {
    id: entry.id,
    bibId: entry.bibId,
    // A title withdrawn from the catalogue stays on the list under its id.
    title: title?.title ?? entry.bibId,
    author: title?.author ?? null,
    materialType: title?.materialType ?? 'book',
    categoryId: entry.categoryId,
    addedAt: entry.addedAt,
  };
}

export function registerWishlistRoutes(app: H3, ctx: AppContext): void {
  /** Applies a list rule to the patron's stored list; a refusal becomes its API error. */
  async function change<T>(
    event: H3Event,
    rule: (list: WishlistRecord, patron: PatronRecord, tx: Tx) => Promise<WishlistResult<T>> | WishlistResult<T>,
  ): Promise<{ value: T; list: WishlistRecord }> {
    const { patronId } = await requireSession(event, ctx);
    const outcome = await updatePatron<WishlistResult<T>>(ctx, patronId, async (patron, tx) => {
      const result = await rule(patron.wishlist, patron, tx);
      if (!result.ok) return { patron: null, result };
      return { patron: { ...patron, wishlist: result.list }, result };
    });
    if (!outcome.ok) apiError(wishlistRefusal(outcome.refusal), outcome.refusal.code === 'invalid_input' ? { fields: { field: 'name' } } : {});
    return { value: outcome.value, list: outcome.list };
  }

  /** Adds titles (all known, else 404) to the list; 201 with the entries created. */
  async function addBibIds(event: H3Event, bibIds: (patron: PatronRecord) => readonly string[], categoryId: string | null) {
    let titles = new Map<string, Titles | null>();
    const { value, list } = await change(event, async (current, patron, tx) => {
      const wanted = bibIds(patron);
      titles = await readTitles(tx, wanted);
      if ([...titles.values()].some((t) => t === null)) apiError({ code: 'not_found', what: 'title' });
      return addEntries(current, wanted, categoryId, () => newId('w'), ctx.clock.now().toISOString());
    });
    const addedIds = new Set(value.addedIds);
    const added = list.entries.filter((e) => addedIds.has(e.id)).map((e) => entryView(e, titles.get(e.bibId)));
    const body: WishlistAddResult = { added, alreadyListed: value.alreadyListed };
    event.res.status = 201;
    return body;
  }

  app.get('/api/wishlist', async (event) => {
    const { patron } = await requirePatron(event, ctx);
    const titles = await readTitles(ctx.store, patron.wishlist.entries.map((e) => e.bibId));
    const body: Wishlist = {
      categories: patron.wishlist.categories.map((c) => ({ id: c.id, name: c.name })),
      entries: patron.wishlist.entries.map((e) => entryView(e, titles.get(e.bibId))),
    };
    event.res.headers.set('cache-control', 'no-store');
    return body;
  });

  app.post('/api/wishlist/entries', async (event) => {
    const body = await readJsonBody(event, AddEntriesBody);
    return addBibIds(event, () => body.bibIds, body.categoryId ?? null);
  });

  app.post('/api/wishlist/from-loans', async (event) => {
    await readJsonBody(event, v.optional(jsonObject({})));
    return addBibIds(event, (patron) => patron.loans.map((l) => l.bibId), null);
  });

  app.patch('/api/wishlist/entries/:id', async (event) => {
    const entryId = idParam(event, 'id');
    const body = await readJsonBody(event, MoveEntryBody);
    const { list } = await change(event, (current) => moveEntry(current, entryId, body.categoryId));
    const entry = list.entries.find((e) => e.id === entryId)!;
    const titles = await readTitles(ctx.store, [entry.bibId]);
    return entryView(entry, titles.get(entry.bibId));
  });

  app.delete('/api/wishlist/entries/:id', async (event) => {
    const entryId = idParam(event, 'id');
    await change(event, (current) => removeEntry(current, entryId));
    return new Response(null, { status: 204 });
  });

  app.post('/api/wishlist/categories', async (event) => {
    const body = await readJsonBody(event, CategoryBody);
    const { value } = await change(event, (current) => addCategory(current, body.name, newId('c')));
    event.res.status = 201;
    return value;
  });

  app.patch('/api/wishlist/categories/:id', async (event) => {
    const categoryId = idParam(event, 'id');
    const body = await readJsonBody(event, CategoryBody);
    const { value } = await change(event, (current) => renameCategory(current, categoryId, body.name));
    return value;
  });

  app.delete('/api/wishlist/categories/:id', async (event) => {
    const categoryId = idParam(event, 'id');
    await change(event, (current) => deleteCategory(current, categoryId));
    return new Response(null, { status: 204 });
  });
}
