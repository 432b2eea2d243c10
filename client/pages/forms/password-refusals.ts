/** Which field a refusal of a new password (change and first issuance) is about; its words come from the refusal catalogue. */
import { ApiFailure } from '../../data/api.ts';

export type PasswordField = 'current' | 'new' | 'confirm' | 'card' | null;

export interface Refusal {
  field: PasswordField;
  text: string;
}

export function passwordFieldOf(error: unknown): PasswordField {
  switch (error instanceof ApiFailure ? error.code : null) {
    case 'wrong_password': return 'current';
    case 'password_policy': return 'new';
    case 'password_mismatch': return 'confirm';
    case 'verification_failed': return 'card';
    default: return null;
  }
}
