/**
 * What a patron has to hear about today ([docs/rules.md#reminders](../../../docs/rules.md#reminders)), as pure rules: records and the library's date
 * in, events out. Each event is about one subject (a loan, a hold, a cancelled hold) and has a
 * stable key — the event, the subject's id and the date it is about — so it is claimed, and sent,
 * once per channel whatever runs the pass and how often (claims.ts).
 *
 * Day-based events are due on one day only: due_soon on the day N days before the due date,
 * renewable_now on the first day of the renewal window, overdue on the day after the due date,
 * pickup_tomorrow on the day before the 取置期限日. A day on which no pass ran (the server was down
 * all day) is not made up for later: a reminder for yesterday's situation would be wrong today.
 * State-based events are due while their state lasts, and their key makes them once: renewal_blocked
 * (another patron waits for a title on loan), hold_ready (a ready hold; normally sent at once by the
 * desk, the digest catches one that was not), hold_expired (cancelled today or yesterday).
 */
import type { IsoDate, RenewBlock } from '../../../common/api.ts';
import { addDays, daysBetween } from '../../../common/dates.ts';
import type { NoticeParams } from '../../../common/notifications.ts';
import type { CancelledHoldRecord, HoldRecord, LoanRecord, PatronRecord, TitleRecord } from '../../domain/records.ts';
import { renewalDecisionFor } from '../../loans/loan-view.ts';
import type { Policy } from '../../policy/policy.ts';

export type LoanEventName = 'due_soon' | 'renewable_now' | 'renewal_blocked' | 'overdue' | 'auto_renewed' | 'auto_renewal_refused';
export type HoldEventName = 'hold_ready' | 'pickup_tomorrow' | 'hold_expired';

/** One event about one subject. */
export type SubjectEvent =
  | {
      event: LoanEventName;
      key: string[];
      loan: { id: string; title: string; dueOn: IsoDate };
      /** auto_renewed: the due date before; auto_renewal_refused: why. */
      previousDueOn?: IsoDate;
      reason?: RenewBlock;
    }
  | { event: 'hold_ready' | 'pickup_tomorrow'; key: string[]; hold: HoldRecord; title: string }
  | { event: 'hold_expired'; key: string[]; cancelled: CancelledHoldRecord; title: string };

export interface PatronFacts {
  patron: PatronRecord;
  titles: ReadonlyMap<string, TitleRecord>;
  today: IsoDate;
  daysBefore: number;
  /** 自動延長 is on: the window's first day renews instead of announcing renewable_now. */
  autoRenew: boolean;
}

const titleOf = (titles: ReadonlyMap<string, TitleRecord>, bibId: string) => titles.get(bibId)?.title ?? '';

export function loanEvent(event: LoanEventName, loan: LoanRecord, title: string, extra: { previousDueOn?: IsoDate; reason?: RenewBlock } = {}): SubjectEvent {
  const keyDate = event === 'auto_renewed' ? (extra.previousDueOn ?? loan.dueOn) : loan.dueOn;
  return { event, key: [event, loan.id, keyDate], loan: { id: loan.id, title, dueOn: loan.dueOn }, ...extra };
}

export function holdReadyEvent(hold: HoldRecord, title: string): SubjectEvent {
  return { event: 'hold_ready', key: ['hold_ready', hold.id, hold.pickupBy ?? 'open'], hold, title };
}

/** The day's events for a patron (auto-renewal outcomes come from the renewals themselves). */
export function dueEvents(f: PatronFacts, policy: Policy): SubjectEvent[] {
  const { patron, titles, today } = f;
  const events: SubjectEvent[] = [];
  for (const loan of patron.loans) {
    const title = titles.get(loan.bibId);
    if (!title) continue;
    const decision = renewalDecisionFor(loan, title, patron, today, policy);
    if (loan.dueOn === addDays(today, f.daysBefore)) events.push(loanEvent('due_soon', loan, title.title));
    if (decision.ok && decision.window.from === today && !f.autoRenew) events.push(loanEvent('renewable_now', loan, title.title));
    if (!decision.ok && decision.blockedBy === 'has_holds') events.push(loanEvent('renewal_blocked', loan, title.title));
    if (loan.dueOn === addDays(today, -1)) events.push(loanEvent('overdue', loan, title.title));
  }
  for (const hold of patron.holds) {
    if (hold.status !== 'ready' || !hold.pickupBy || hold.pickupBy < today) continue;
    const title = titleOf(titles, hold.bibId);
    events.push(holdReadyEvent(hold, title));
    if (hold.pickupBy === addDays(today, 1)) events.push({ event: 'pickup_tomorrow', key: ['pickup_tomorrow', hold.id, hold.pickupBy], hold, title });
  }
  const yesterday = addDays(today, -1);
  for (const cancelled of patron.cancelledHolds) {
    if (cancelled.reason === null || (cancelled.cancelledOn !== today && cancelled.cancelledOn !== yesterday)) continue;
    events.push({ event: 'hold_expired', key: ['hold_expired', cancelled.id], cancelled, title: titleOf(titles, cancelled.bibId) });
  }
  return events;
}

/**
 * Loans 自動延長 tries today: those inside their renewal window. On the window's first day normally;
 * a window already open (a missed pass, 自動延長 just turned on) is not waited out. The attempt is
 * once per due date (its idempotency key), so a refusal stands until the due date changes.
 */
export function autoRenewalCandidates(f: Pick<PatronFacts, 'patron' | 'titles' | 'today'>, policy: Policy): LoanRecord[] {
  return f.patron.loans.filter((loan) => {
    const title = f.titles.get(loan.bibId);
    if (!title) return false;
    const { window } = renewalDecisionFor(loan, title, f.patron, f.today, policy);
    return window.from <= f.today && f.today <= window.to;
  });
}

/**
 * A refusal worth telling: a loan already renewed (by the patron, or by an earlier 自動延長) has
 * nothing new to say when its next window opens.
 */
export function isReportedRefusal(reason: RenewBlock): boolean {
  return reason !== 'renewal_limit';
}

/** What a group of events says and which page it is about. */
export interface NoticeDraft {
  params: NoticeParams;
  url: string;
  /** The keys of the subject events it covers (its id is made from them). */
  keys: string[][];
  loanIds: string[];
  holdIds: string[];
}

/**
 * Events grouped into notices: loan events of one kind and one due date together (「夢の守り人」ほか
 * 1冊), each hold event alone. `branchName` names a pickup branch.
 */
export function groupNotices(events: readonly SubjectEvent[], today: IsoDate, policy: Policy, branchName: (code: string) => string): NoticeDraft[] {
  const drafts: NoticeDraft[] = [];
  const loanGroups = new Map<string, Extract<SubjectEvent, { loan: unknown }>[]>();
  for (const e of events) {
    if ('loan' in e) {
      const group = `${e.event}|${e.loan.dueOn}|${e.reason ?? ''}`;
      loanGroups.set(group, [...(loanGroups.get(group) ?? []), e]);
    } else if (e.event === 'hold_expired') {
      drafts.push({
        params: { event: 'hold_expired', holdId: e.cancelled.id, title: e.title, reason: e.cancelled.reason === 'wait_expired' ? 'wait_expired' : 'pickup_expired', cancelledOn: e.cancelled.cancelledOn },
        url: `/account/cancelled#${e.cancelled.id}`,
        keys: [e.key],
        loanIds: [],
        holdIds: [],
      });
    } else {
      const { hold } = e;
      const base = { holdId: hold.id, title: e.title, branch: hold.pickupBranch, branchName: branchName(hold.pickupBranch) };
      const params: NoticeParams =
        e.event === 'hold_ready' ? { event: 'hold_ready', ...base, pickupBy: hold.pickupBy } : { event: 'pickup_tomorrow', ...base, pickupBy: hold.pickupBy ?? today };
      drafts.push({ params, url: `/account/holds#${hold.id}`, keys: [e.key], loanIds: [], holdIds: [hold.id] });
    }
  }
  for (const group of loanGroups.values()) {
    const first = group[0]!;
    const loans = group.map((e) => ({ id: e.loan.id, title: e.loan.title }));
    const dueOn = first.loan.dueOn;
    const params = ((): NoticeParams => {
      switch (first.event) {
        case 'due_soon':
          return { event: 'due_soon', loans, dueOn, days: Math.max(0, daysBetween(today, dueOn)) };
        case 'auto_renewed':
          return { event: 'auto_renewed', loans, dueOn, previousDueOn: first.previousDueOn ?? addDays(dueOn, -policy.renewal.extensionDays) };
        case 'auto_renewal_refused':
          return { event: 'auto_renewal_refused', loans, dueOn, reason: first.reason ?? 'outside_window' };
        default:
          return { event: first.event, loans, dueOn };
      }
    })();
    drafts.push({ params, url: `/account/loans#${first.loan.id}`, keys: group.map((e) => e.key), loanIds: loans.map((l) => l.id), holdIds: [] });
  }
  return drafts;
}
