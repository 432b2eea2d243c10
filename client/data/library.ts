/**
 * GET /api/library, no login needed: branches, today's 開館 / 休館, whether this is kiosk mode, and
 * the library's published policy ([docs/api.md#library](../../docs/api.md#library)). The app loads it
 * once at start and provides it to every page (client/app/context.ts `libraryContext`).
 */
import type { LibraryInfo } from '../../common/api.ts';
import type { Api } from './api.ts';

export async function fetchLibrary(api: Api, signal?: AbortSignal): Promise<LibraryInfo> {
  return (await api<LibraryInfo>('/api/library', { on401: 'throw', ...(signal ? { signal } : {}) })).data;
}
