/** Branches, opening hours and today's 開館 / 休館 (SPEC §2.11): GET /api/library, no login needed. */
import type { LibraryInfo } from '../../common/api.ts';
import { api } from './api.ts';

let cached: Promise<LibraryInfo> | null = null;

/** One request per visit: branch names and today's hours do not change under the patron's feet. */
export function fetchLibrary(): Promise<LibraryInfo> {
  cached ??= api<LibraryInfo>('/api/library', { on401: 'throw' }).then(
    (r) => r.data,
    (e: unknown) => {
      cached = null; // let the next caller try again
      throw e;
    },
  );
  return cached;
}

/** Test hook: forget the cached answer. */
export function forgetLibraryForTest(): void {
  cached = null;
}
