/**
 * Registers the service worker (workbox-window) and offers an update when a new version is
 * waiting. The new version takes over only when the patron chooses 更新; the page reloads once it
 * controls the page.
 */
import { Workbox } from 'workbox-window';

export async function registerServiceWorker(): Promise<Workbox | null> {
  if (!('serviceWorker' in navigator)) return null;
  const wb = new Workbox('/sw.js', { scope: '/' });
  wb.addEventListener('waiting', () => void offerUpdate(wb));
  await wb.register();
  return wb;
}

async function offerUpdate(wb: Workbox): Promise<void> {
  // The prompt's own chunk: only pages that get an update pay for it.
  const { UPDATE_ACCEPTED_EVENT } = await import('./update-prompt.ts');
  if (document.querySelector('shiori-update-prompt')) return;
  const prompt = document.createElement('shiori-update-prompt');
  prompt.addEventListener(
    UPDATE_ACCEPTED_EVENT,
    () => {
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    },
    { once: true },
  );
  document.body.append(prompt);
}
