/**
 * Password policy ([docs/rules.md#passwords](../../docs/rules.md#passwords): 「パスワードは半角英数字6文字以上」「英数混在」).
 * Pure: strings in, a verdict out.
 */

export const PASSWORD_MIN_LENGTH = 6;
/** Not in the seed; a bound so an absurd value is refused instead of hashed. */
export const PASSWORD_MAX_LENGTH = 64;

export type NewPasswordProblem = 'password_policy' | 'password_mismatch';

/** True when `password` is 6–64 half-width ASCII letters/digits with at least one of each. */
export function meetsPasswordPolicy(password: string): boolean {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) return false;
  if (!/^[A-Za-z0-9]+$/.test(password)) return false;
  return /[A-Za-z]/.test(password) && /[0-9]/.test(password);
}

/**
 * Checks a new password and its confirmation. The policy is reported first: when the first field
 * is not acceptable anyway, "they differ" would send the patron after the wrong problem.
 */
export function checkNewPassword(newPassword: string, confirmation: string): NewPasswordProblem | null {
  if (!meetsPasswordPolicy(newPassword)) return 'password_policy';
  if (newPassword !== confirmation) return 'password_mismatch';
  return null;
}
