/**
 * English words for every refusal (Accept-Language: en, and the pages in English). Loaded by the
 * pages only with their English locale module: never on the Japanese first load.
 */
import { slashDate, waitUnits, type RefusalWording } from './wording.ts';

function wait(seconds: number): string {
  const w = waitUnits(seconds);
  return 'minutes' in w ? `${w.minutes} min` : `${w.seconds} s`;
}

export const en: RefusalWording = {
  invalid_input: (r) => {
    switch (r.reason) {
      case 'name_empty': return 'Enter a category name.';
      case 'name_too_long': return `A category name can be at most ${r.maxLength} characters.`;
      case 'name_control': return 'The category name contains characters that cannot be used.';
      case 'name_taken': return 'A category with this name already exists.';
      case 'unknown_branch': return 'Unknown pickup branch.';
      default: return 'The request is not valid.';
    }
  },
  invalid_credentials: () => 'The card number or password is not correct.',
  too_many_attempts: (r) => `Too many attempts. Please try again in ${wait(r.retryAfterSeconds)}.`,
  unauthenticated: () => 'Please log in.',
  forbidden: () => 'This request is not allowed.',
  not_found: (r) => {
    switch (r.what) {
      case 'title': return 'This title was not found.';
      case 'category': return 'The category was not found.';
      case 'entry': return 'The entry is not on your want-to-read list.';
      default: return 'Not found.';
    }
  },
  payload_too_large: () => 'The request body is too large.',
  idempotency_key_reused: () => 'This Idempotency-Key was already used for another loan.',
  unsupported_media_type: () => 'The request body must be JSON (Content-Type: application/json).',
  password_policy: (r) =>
    r.maxLength === undefined
      ? 'The new password needs at least 6 characters and must mix half-width letters and digits (no symbols or full-width characters).'
      : `A password can be at most ${r.maxLength} characters, with both half-width letters and digits.`,
  password_mismatch: () => '“New password” and “New password (again)” do not match. Enter the same password twice.',
  verification_failed: () => 'The card number or date of birth is not correct. Please check your card and date of birth.',
  already_issued: () => 'A password has already been issued for this card. Please log in; if you forgot it, ask at the library desk.',
  wrong_password: () => 'The current password is not correct. Enter the password you use now.',
  invalid_email: () => 'This is not a valid e-mail address. Enter it like “name@example.jp”.',
  email_mismatch: () => '[E-mail1] and (again) do not match. Enter the same address twice.',
  email_in_use: (r) =>
    r.usedBy === 'defaults'
      ? 'Your default contact method is e-mail. Change it before deleting the address.'
      : 'Holds that notify you by e-mail still use this address, so it cannot be deleted. Change their contact method first.',
  email_not_registered: () =>
    'No e-mail address is registered, so “E-mail” cannot be the contact method. Register one under “Register / change e-mail” first, or choose another method.',
  outside_window: (r) => `This item cannot be renewed now: renewal is possible from ${slashDate(r.from)} to ${slashDate(r.to)}.`,
  renewal_limit: (r) => `This item cannot be renewed again (at most ${r.maxRenewals} ${r.maxRenewals === 1 ? 'renewal' : 'renewals'}).`,
  has_holds: () => 'Cannot be renewed: someone has placed a hold.',
  not_renewable_material: () => 'CDs cannot be renewed.',
  inter_library_loan: () => 'Items borrowed from other libraries cannot be renewed.',
  card_expired: () => 'Your library card has expired. Please renew it at the desk to renew items or place holds.',
  hold_limit: (r) => `You have reached the maximum number of holds (${r.limit}), so this hold was not placed. You can place it once you pick up or cancel a hold.`,
  cd_hold_limit: (r) => `You have reached the maximum number of CD holds (${r.limit}), so this hold was not placed.`,
  already_held: () => 'You already have a hold on this title.',
  already_on_loan: () => 'You have this title on loan now, so it cannot be held.',
  not_changeable: () => 'This hold cannot be changed here. Please call or ask at the desk.',
  hold_paused: () => 'This hold is paused.',
  not_cancellable: () => 'This hold cannot be cancelled here. Please call or ask at the desk.',
  not_waiting: () => 'Only waiting holds can be used for this.',
  limit_reached: (r) => {
    switch (r.what) {
      case 'categories': return `You can have up to ${r.limit} categories. Delete one before adding another.`;
      case 'entries': return `Your want-to-read list can hold up to ${r.limit} titles. Remove some before adding more.`;
      default: return `The limit (${r.limit}) has been reached.`;
    }
  },
  clock_fixed: () => 'The clock cannot be moved (LIBRARY_NOW is not set).',
  already_exists: () => 'It already exists.',
  not_in_transit: () => 'This hold is not in transit.',
  series_order: () => 'An earlier volume of this series hold comes first.',
  not_next_in_line: () => 'An earlier hold on this title comes first.',
  no_copy_available: () => 'No copy of this title is on the shelf.',
  invalid_subscription: () => 'This device’s push subscription is not valid.',
  internal: () => 'Something went wrong. Please try again in a moment.',
  offline: (r) => {
    if (r.action === 'account') {
      return r.sharedDevice
        ? 'You are offline. Shared devices keep no copy of your account.'
        : 'You are offline and nothing is saved on this device. Try again when the connection is back.';
    }
    if (r.action === 'renewal') {
      return r.sharedDevice
        ? 'You are offline. Renewals cannot be kept for later on a shared device: try again when the connection is back.'
        : 'You are offline. Try again when the connection is back.';
    }
    return 'Could not reach the library. Check your connection and try again.';
  },
};
