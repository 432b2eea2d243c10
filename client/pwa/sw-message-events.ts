/** Which window event (common/offline.ts) an SW message becomes. Pure: no DOM. */
import { ACCOUNT_UPDATED_EVENT, RENEWAL_NEEDS_LOGIN_EVENT, RENEWAL_SETTLED_EVENT, type SwToPage } from '../../common/offline.ts';

/** The window event name for an SW message, or null when the message is not one of ours. */
export function windowEventFor(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Partial<SwToPage> & { loanId?: unknown; snapshot?: unknown };
  if (typeof m.patronId !== 'string') return null;
  if (m.type === 'account-updated') return typeof m.snapshot === 'object' && m.snapshot !== null ? ACCOUNT_UPDATED_EVENT : null;
  if (typeof m.loanId !== 'string') return null;
  if (m.type === 'renewal-settled') return RENEWAL_SETTLED_EVENT;
  if (m.type === 'renewal-needs-login') return RENEWAL_NEEDS_LOGIN_EVENT;
  return null;
}
