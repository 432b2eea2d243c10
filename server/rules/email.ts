/**
 * E-mail address rules ([docs/rules.md#e-mail](../../docs/rules.md#e-mail)). Pure: request and patron state in, a decision out.
 */
import type { IsoDate } from '../../common/api.ts';
import type { ConfirmationCount, HoldRecord } from '../domain/records.ts';

export const EMAIL_MAX_LENGTH = 254;
const LOCAL_MAX_LENGTH = 64;

/** Characters allowed in an unquoted local part (RFC 5322 atext), in dot-separated atoms. */
const LOCAL_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
/** One DNS label: letters, digits, hyphens, not starting or ending with a hyphen. */
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * A practical address check: one `@`, a dot-atom local part (no quoted forms), a domain of at least
 * two DNS labels whose last one is alphabetic (no bare hosts, no IP literals), 254 characters at most.
 */
export function isValidEmail(address: string): boolean {
  if (address.length === 0 || address.length > EMAIL_MAX_LENGTH) return false;
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.indexOf('@') !== at) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > LOCAL_MAX_LENGTH) return false;
  if (!local.split('.').every((atom) => LOCAL_ATOM.test(atom))) return false;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return false;
  return /^[A-Za-z]{2,63}$/.test(labels[labels.length - 1]!);
}

export type EmailDecision =
  | { kind: 'set'; email: string }
  | { kind: 'delete' }
  | { kind: 'refused'; code: 'invalid_email' | 'email_mismatch' | 'email_in_use'; reason?: 'holds' | 'defaults' };

export interface EmailPatronState {
  holds: Pick<HoldRecord, 'status' | 'contactMethod'>[];
  defaults: { contactMethod: string };
}

/**
 * Holds that will still be announced to the patron: a waiting hold is announced when it is set
 * aside, an in-transit one when it arrives. A ready hold has been announced already.
 */
function holdStillNeedsEmail(hold: Pick<HoldRecord, 'status' | 'contactMethod'>): boolean {
  return hold.contactMethod === 'email' && hold.status !== 'ready';
}

/**
 * Register / change / delete. Surrounding blanks (a paste artefact) are ignored; both fields
 * empty means delete, which is refused while a hold or the patron's default contact method
 * still relies on the address.
 */
export function decideEmailChange(
  request: { email: string; emailConfirm: string },
  patron: EmailPatronState,
): EmailDecision {
  const email = request.email.trim();
  const confirm = request.emailConfirm.trim();
  if (email === '' && confirm === '') {
    if (patron.holds.some(holdStillNeedsEmail)) return { kind: 'refused', code: 'email_in_use', reason: 'holds' };
    if (patron.defaults.contactMethod === 'email') {
      return { kind: 'refused', code: 'email_in_use', reason: 'defaults' };
    }
    return { kind: 'delete' };
  }
  if (email !== confirm) return { kind: 'refused', code: 'email_mismatch' };
  if (!isValidEmail(email)) return { kind: 'refused', code: 'invalid_email' };
  return { kind: 'set', email };
}

/**
 * Whether `next` is the address already registered: the same local part, and the same domain
 * whatever its case (domains are case-insensitive; local parts, strictly, are not).
 */
export function isSameAddress(current: string | null, next: string): boolean {
  if (current === null) return false;
  const split = (a: string) => {
    const at = a.lastIndexOf('@');
    return [a.slice(0, at), a.slice(at + 1).toLowerCase()] as const;
  };
  const [localA, domainA] = split(current);
  const [localB, domainB] = split(next);
  return localA === localB && domainA === domainB;
}

export type ConfirmationDecision =
  | { send: true; count: ConfirmationCount }
  | { send: false; reason: 'daily_limit' };

/**
 * One more confirmation mail on `today`, unless `maxPerDay` went out already that day (the
 * count starts afresh each library day). The caller counts it in the transaction that changes
 * the address, so racing registrations cannot send more than the limit.
 */
export function confirmationMail(count: ConfirmationCount | undefined, today: IsoDate, maxPerDay: number): ConfirmationDecision {
  const sentToday = count?.on === today ? count.sent : 0;
  if (sentToday >= maxPerDay) return { send: false, reason: 'daily_limit' };
  return { send: true, count: { on: today, sent: sentToday + 1 } };
}
