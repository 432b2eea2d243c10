/** Pure rules about the patron's card. */
import type { IsoDate, PatronSummary } from '../../common/api.ts';
import { compareDates } from '../../common/dates.ts';
import type { PatronRecord } from '../domain/records.ts';

/** `*****326`: five asterisks and the last three digits ([docs/rules.md#account](../../docs/rules.md#account)). */
export function maskCardNumber(cardNumber: string): string {
  return `*****${cardNumber.slice(-3)}`;
}

/** The expiry date is the card's last valid day. */
export function isCardExpired(cardExpiresOn: IsoDate, today: IsoDate): boolean {
  return compareDates(today, cardExpiresOn) > 0;
}

export function patronSummary(p: PatronRecord, today: IsoDate): PatronSummary {
  return {
    id: p.id,
    cardMasked: maskCardNumber(p.cardNumber),
    cardExpiresOn: p.cardExpiresOn,
    cardExpired: isCardExpired(p.cardExpiresOn, today),
    email: p.email,
    defaults: { ...p.defaults },
  };
}
