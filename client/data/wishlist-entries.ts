/** 今度読みたい資料に追加 from search results and title pages: POST /api/wishlist/entries. */
import type { Api } from './api.ts';

/** `categoryId` null files the titles under 未分類. */
export async function addTitlesToWishlist(api: Api, bibIds: string[], categoryId: string | null): Promise<void> {
  const body = categoryId === null ? { bibIds } : { bibIds, categoryId };
  await api<unknown>('/api/wishlist/entries', { method: 'POST', body });
}
