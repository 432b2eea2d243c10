/** 今度読みたい資料 (SPEC §2.6, §7). */
import type { Wishlist, WishlistCategory } from '../../common/api.ts';
import { api } from './api.ts';

export async function fetchWishlist(): Promise<Wishlist> {
  return (await api<Wishlist>('/api/wishlist')).data;
}

export async function moveEntry(entryId: string, categoryId: string | null): Promise<void> {
  await api<unknown>(`/api/wishlist/entries/${encodeURIComponent(entryId)}`, { method: 'PATCH', body: { categoryId } });
}

export async function removeEntry(entryId: string): Promise<void> {
  await api<unknown>(`/api/wishlist/entries/${encodeURIComponent(entryId)}`, { method: 'DELETE' });
}

export async function addCategory(name: string): Promise<WishlistCategory> {
  const { data } = await api<WishlistCategory | { category: WishlistCategory }>('/api/wishlist/categories', { method: 'POST', body: { name } });
  return 'category' in data ? data.category : data;
}

export async function renameCategory(categoryId: string, name: string): Promise<void> {
  await api<unknown>(`/api/wishlist/categories/${encodeURIComponent(categoryId)}`, { method: 'PATCH', body: { name } });
}

export async function deleteCategory(categoryId: string): Promise<void> {
  await api<unknown>(`/api/wishlist/categories/${encodeURIComponent(categoryId)}`, { method: 'DELETE' });
}
