/**
 * A refusal is an error code plus the parameters its words need ({code: 'outside_window', from, to}),
 * so that each language words it from one catalogue (common/wording/) with the library's own numbers.
 * The codes are the API's ({@link ErrorCode}, [docs/api.md#errors](../docs/api.md#errors)); a code
 * without an entry in {@link RefusalParams} carries nothing but itself. Types and one pure reader:
 * no DOM, no Node globals.
 */
import type { ErrorCode, IsoDate } from './api.ts';

/** Why a request value was refused, where the code alone does not say enough. */
export type InvalidInputDetail =
  | { reason?: undefined }
  | { reason: 'name_empty' | 'name_control' | 'name_taken' | 'unknown_branch' }
  | { reason: 'name_too_long'; maxLength: number };

/** The parameters of each code that has any. */
export interface RefusalParams {
  invalid_input: InvalidInputDetail;
  /** The password is too long (with its limit), or breaks the letters-and-digits rule (without). */
  password_policy: { maxLength?: number };
  /** How long to wait before the next attempt. */
  too_many_attempts: { retryAfterSeconds: number };
  /** What was not found, when the route knows. */
  not_found: { what?: 'title' | 'category' | 'entry' };
  /** What still uses the address: the 初期設定's contact method, or waiting holds. */
  email_in_use: { usedBy?: 'defaults' | 'holds' };
  /** The loan's renewal window (both days inclusive). */
  outside_window: { from: IsoDate; to: IsoDate };
  /** How many renewals a loan may have. */
  renewal_limit: { maxRenewals: number };
  hold_limit: { limit: number };
  cd_hold_limit: { limit: number };
  /** A want-to-read limit: categories or entries. */
  limit_reached: { what?: 'categories' | 'entries'; limit: number };
  /** The SW could not answer in the server's place: for what, and whether on a shared device. */
  offline: { action?: 'account' | 'renewal'; sharedDevice?: boolean };
}

type ParamsOf<C extends ErrorCode> = C extends keyof RefusalParams ? RefusalParams[C] : unknown;

/** One refusal: discriminated by `code`, with that code's parameters. */
export type Refusal = { [C in ErrorCode]: { code: C } & ParamsOf<C> }[ErrorCode];

export type RefusalOf<C extends ErrorCode> = Extract<Refusal, { code: C }>;

/** The codes whose refusal is complete with the code alone (every parameter optional, or none). */
export type BareRefusalCode = { [C in ErrorCode]: { code: C } extends RefusalOf<C> ? C : never }[ErrorCode];

type Check = (fields: Record<string, unknown>) => boolean;

const isDate = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isOneOf = (v: unknown, values: readonly string[]) => typeof v === 'string' && values.includes(v);
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);

/** What each code's parameters must look like (codes without parameters need nothing). */
const CHECKS: { [C in keyof RefusalParams]: Check } = {
  invalid_input: (f) =>
    f['reason'] === undefined ||
    isOneOf(f['reason'], ['name_empty', 'name_control', 'name_taken', 'unknown_branch']) ||
    (f['reason'] === 'name_too_long' && isCount(f['maxLength'])),
  password_policy: (f) => optional(f['maxLength'], isCount),
  too_many_attempts: (f) => isCount(f['retryAfterSeconds']),
  not_found: (f) => optional(f['what'], (v) => isOneOf(v, ['title', 'category', 'entry'])),
  email_in_use: (f) => optional(f['usedBy'], (v) => isOneOf(v, ['defaults', 'holds'])),
  outside_window: (f) => isDate(f['from']) && isDate(f['to']),
  renewal_limit: (f) => isCount(f['maxRenewals']),
  hold_limit: (f) => isCount(f['limit']),
  cd_hold_limit: (f) => isCount(f['limit']),
  limit_reached: (f) => isCount(f['limit']) && optional(f['what'], (v) => isOneOf(v, ['categories', 'entries'])),
  offline: (f) => optional(f['action'], (v) => isOneOf(v, ['account', 'renewal'])) && optional(f['sharedDevice'], (v) => typeof v === 'boolean'),
};

/**
 * The refusal a code and its fields make (an API error body's `error`, or a message's), or null
 * when a parameter the code needs is missing or malformed: then the caller adds what it knows
 * (the loan's window, the policy's limits) or says less.
 */
export function readRefusal(code: ErrorCode, fields: Record<string, unknown>): Refusal | null {
  const check = (CHECKS as Partial<Record<ErrorCode, Check>>)[code];
  if (check && !check(fields)) return null;
  // Everything but the human message and the field name (the words come from the catalogue).
  const { message: _message, field: _field, code: _code, ...params } = fields;
  return { ...params, code } as Refusal;
}
