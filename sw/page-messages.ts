/** Posting the SW's results to its pages (common/offline.ts SwToPage). */
/// <reference lib="webworker" />
import type { SwToPage } from '../common/offline.ts';

declare const self: ServiceWorkerGlobalScope;

/** Posts a message to every open window of the app (the page-side bridge turns it into a window event). */
export async function broadcast(message: SwToPage): Promise<void> {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const w of windows) w.postMessage(message);
}
