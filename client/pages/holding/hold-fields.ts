/**
 * The 受取館 / 連絡方法 (/ 予約待ち期限日) fields shared by the 予約する dialog, the 予約カート,
 * 【予約変更確認】 and the 初期設定 page. Options are numbered as in the seed (1:本館, 1:メール …);
 * the branches are the library's own, in its order (GET /api/library `policy.branches`).
 */
import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { BranchCode, ContactMethod, LibraryPolicy } from '../../../common/api.ts';
import { CONTACT_METHODS, branchNames, contactName } from '../../i18n/labels.ts';
import { rt } from '../../i18n/ruby.ts';

export interface HoldChoice {
  pickupBranch: BranchCode;
  contactMethod: ContactMethod;
  /** 予約待ち期限日 (YYYY-MM-DD) or '' for none. */
  notNeededAfter: string;
}

interface FieldsOptions {
  /** Prefix for element ids (several forms may live in one shadow root). */
  idPrefix: string;
  value: HoldChoice;
  /** The library's policy: its branches are the choices. */
  policy: LibraryPolicy | null | undefined;
  /** Receives only the changed field: the owner merges it into its current choice. */
  onChange: (change: Partial<HoldChoice>) => void;
  /** Show 予約待ち期限日 with this earliest date (today); omit to hide the field. */
  minDate?: string;
  /** Whether a registered e-mail exists: メール without one is explained before sending. */
  hasEmail?: boolean;
}

/** 1:本館 2:東分館 … — the library's branches, numbered in its order; `selected` chosen. */
export function branchChoices(policy: LibraryPolicy | null | undefined, selected: BranchCode): TemplateResult {
  const branches = policy?.branches ?? [];
  // A branch the policy does not know (yet) stays choosable as it is, under its code.
  const unknown = branches.some((b) => b.code === selected) ? null : html`<option value=${selected} selected>${selected}</option>`;
  return html`${unknown}${branches.map(
    (b, i) => html`<option value=${b.code} ?selected=${b.code === selected}>${i + 1}:${branchNames(b).shortName}</option>`,
  )}`;
}

/** 1:メール 2:電話 3:不要; `selected` chosen. */
export function contactChoices(selected: ContactMethod): TemplateResult {
  return html`${CONTACT_METHODS.map((m, i) => html`<option value=${m} ?selected=${m === selected}>${i + 1}:${contactName(m)}</option>`)}`;
}

/** The branch a new hold starts at when the patron's 初期設定 cannot be read: the library's first. */
export function firstBranch(policy: LibraryPolicy | null | undefined): BranchCode {
  return policy?.branches[0]?.code ?? '';
}

export function holdFields(o: FieldsOptions): TemplateResult {
  const { idPrefix: p, value, onChange } = o;
  const noEmail = o.hasEmail === false && value.contactMethod === 'email';
  return html`
    <div class="field">
      <label for="${p}-branch">${rt(msg('受取館', { id: 'holds.col.pickupBranch' }))}</label>
      <select id="${p}-branch" name="pickupBranch" .value=${value.pickupBranch}
        @change=${(e: Event) => onChange({ pickupBranch: (e.target as HTMLSelectElement).value })}>
        ${branchChoices(o.policy, value.pickupBranch)}
      </select>
    </div>
    <div class="field">
      <label for="${p}-contact">${rt(msg('連絡方法', { id: 'holds.col.contact' }))}</label>
      <select id="${p}-contact" name="contactMethod" .value=${value.contactMethod}
        aria-describedby=${noEmail ? `${p}-contact-note` : ''}
        @change=${(e: Event) => onChange({ contactMethod: (e.target as HTMLSelectElement).value as ContactMethod })}>
        ${contactChoices(value.contactMethod)}
      </select>
      ${noEmail
        ? html`<p class="reason" id="${p}-contact-note">${rt(msg('メールアドレスが登録されていません。メールで連絡を受けるには「メール登録・変更」で登録してください。', { id: 'hold.field.contact.no_email' }))}</p>`
        : null}
    </div>
    ${o.minDate === undefined
      ? null
      : html`<div class="field">
          <label for="${p}-until">${rt(msg('予約待ち期限日', { id: 'hold.field.not_needed_after' }))}</label>
          <input id="${p}-until" type="date" name="notNeededAfter" min=${o.minDate} .value=${value.notNeededAfter}
            aria-describedby="${p}-until-hint"
            @change=${(e: Event) => onChange({ notNeededAfter: (e.target as HTMLInputElement).value })} />
          <p class="reason" id="${p}-until-hint">${rt(msg('（任意）この日を過ぎても用意できないときは、予約を取り消します。', { id: 'hold.field.not_needed_after.hint' }))}</p>
        </div>`}
  `;
}
