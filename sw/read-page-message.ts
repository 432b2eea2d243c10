/** Reading what a page posted to the SW (common/offline.ts PageToSw). Pure. */
import type { PageToSw } from '../common/offline.ts';

/** workbox-window's messageSkipWaiting(): the patron chose 更新 on the update prompt. */
export interface SkipWaiting {
  type: 'SKIP_WAITING';
}

/** The message a page posted, or null when it is not one of ours (or malformed). */
export function readPageMessage(data: unknown): PageToSw | SkipWaiting | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as { type?: unknown; patronId?: unknown };
  switch (m.type) {
    case 'replay-renewals':
    case 'forget-all':
    case 'SKIP_WAITING':
      return { type: m.type };
    case 'forget-patron':
    case 'pending-count':
      return typeof m.patronId === 'string' && m.patronId !== '' ? { type: m.type, patronId: m.patronId } : null;
    default:
      return null;
  }
}
