/**
 * The one place where a refusal's code becomes an HTTP status ([docs/api.md#errors](../../docs/api.md#errors)).
 * Operations refuse without knowing HTTP (domain/refusal-error.ts); the app's error hook
 * (http/errors.ts) and the edge's own checks (`apiError`) take the status from here.
 */
import type { ErrorCode } from '../../common/api.ts';
import type { Refusal } from '../../common/refusals.ts';

export const REFUSAL_STATUS: Readonly<Record<ErrorCode, number>> = {
  invalid_input: 400,
  password_policy: 400,
  password_mismatch: 400,
  invalid_email: 400,
  email_mismatch: 400,
  invalid_subscription: 400,
  invalid_credentials: 401,
  verification_failed: 401,
  unauthenticated: 401,
  forbidden: 403,
  wrong_password: 403,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  too_many_attempts: 429,
  already_issued: 409,
  email_in_use: 409,
  email_not_registered: 409,
  outside_window: 409,
  renewal_limit: 409,
  has_holds: 409,
  not_renewable_material: 409,
  inter_library_loan: 409,
  card_expired: 409,
  hold_limit: 409,
  cd_hold_limit: 409,
  already_held: 409,
  already_on_loan: 409,
  not_changeable: 409,
  not_cancellable: 409,
  not_waiting: 409,
  limit_reached: 409,
  clock_fixed: 409,
  already_exists: 409,
  not_in_transit: 409,
  series_order: 409,
  not_next_in_line: 409,
  hold_paused: 409,
  no_copy_available: 409,
  internal: 500,
  /** The SW's, never the server's: it could not answer in the server's place. */
  offline: 503,
};

/** Headers a refusal's answer carries: how long to wait, for a throttled attempt. */
export function refusalHeaders(refusal: Refusal): Record<string, string> {
  return refusal.code === 'too_many_attempts' ? { 'Retry-After': String(refusal.retryAfterSeconds) } : {};
}
