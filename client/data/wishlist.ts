/** 今度読みたい資料 ([docs/rules.md#want-to-read-list](../../docs/rules.md#want-to-read-list), [docs/api.md](../../docs/api.md)). */
import type { Wishlist, WishlistCategory } from '../../common/api.ts';
import type { Api } from './api.ts';

export async function fetchWishlist(api: Api, signal?: AbortSignal): Promise<Wishlist> {
  return (await api<Wishlist>('/api/wishlist', signal ? { signal } : {})).data;
}

export async function moveEntry(api: Api, entryId: string, categoryId: string | null): Promise<void> {
  await api<unknown>(`/api/wishlist/entries/${encodeURIComponent(entryId)}`, { method: 'PATCH', body: { categoryId } });
}

export async function removeEntry(api: Api, entryId: string): Promise<void> {
  await api<unknown>(`/api/wishlist/entries/${encodeURIComponent(entryId)}`, { method: 'DELETE' });
}

export async function addCategory(api: Api, name: string): Promise<WishlistCategory> {
  const { data } = await api<WishlistCategory | { category: WishlistCategory }>('/api/wishlist/categories', { method: 'POST', body: { name } });
  return 'category' in data ? data.category : data;
}

export async function renameCategory(api: Api, categoryId: string, name: string): Promise<void> {
  await api<unknown>(`/api/wishlist/categories/${encodeURIComponent(categoryId)}`, { method: 'PATCH', body: { name } });
}

export async function deleteCategory(api: Api, categoryId: string): Promise<void> {
  await api<unknown>(`/api/wishlist/categories/${encodeURIComponent(categoryId)}`, { method: 'DELETE' });
}
