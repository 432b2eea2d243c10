/**
 * Bodies of the staff API ([docs/rules.md#staff-and-clock](../../docs/rules.md#staff-and-clock)), as valibot schemas (strict: unknown fields are refused).
 * Card numbers, bibIds and barcodes become store keys: they must have their documented shapes
 * (domain/key-shapes.ts), so staff cannot register a value a patron's request could not name.
 */
import * as v from 'valibot';
import { isIsoDate } from '../../common/dates.ts';
import { BarcodeSchema, BibIdSchema, CardNumberSchema, jsonObject } from '../http/request-shapes.ts';

export const IsoDateSchema = v.pipe(v.string(), v.check(isIsoDate, 'expected a YYYY-MM-DD date'));
const text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));

export const NewPatronBody = jsonObject({
  cardNumber: CardNumberSchema,
  birthDate: IsoDateSchema,
  cardExpiresOn: IsoDateSchema,
  password: v.optional(v.pipe(v.string(), v.maxLength(64))),
  email: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(254)))),
  name: v.optional(v.nullable(text(100))),
  pickupBranch: v.optional(v.string()),
  contactMethod: v.optional(v.picklist(['email', 'phone', 'none'])),
});

export const NewTitleBody = jsonObject({
  bibId: v.optional(BibIdSchema),
  title: text(300),
  author: v.optional(v.nullable(text(200))),
  publisher: v.optional(v.nullable(text(200))),
  year: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(9999)))),
  materialType: v.picklist(['book', 'magazine', 'cd']),
  category: v.picklist(['general', 'children', 'ya', 'magazine', 'cd']),
  copies: v.pipe(v.array(jsonObject({ barcode: BarcodeSchema, branch: v.string() })), v.maxLength(200)),
});

export const CheckoutBody = jsonObject({
  cardNumber: CardNumberSchema,
  barcode: BarcodeSchema,
  loanedOn: v.optional(IsoDateSchema),
  dueOn: v.optional(IsoDateSchema),
  interLibraryLoan: v.optional(v.boolean()),
  /** 貸出館; defaults to the copy's branch (or the hold's pickup branch for a pickup). */
  branch: v.optional(v.string()),
});

export const ClockBody = jsonObject({
  now: v.pipe(
    v.string(),
    v.check((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 instant'),
  ),
});
