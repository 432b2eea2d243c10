/**
 * One patron's turn: read what is needed (outside any transaction), try 自動延長 where it is due,
 * work out the day's events, claim them (claims.ts: one short transaction), then send what was
 * claimed. Also the immediate hold_ready, which is the same steps for one event.
 */
import type { IsoDate, RenewBlock } from '../../common/api.ts';
import { libraryDate } from '../../common/dates.ts';
import type { AppContext } from '../context.ts';
import { keys, notificationKeys, type NotificationSettingsRecord, type PatronRecord, type PushSubscriptionRecord, type TitleRecord } from '../domain/records.ts';
import { renewLoan } from '../loans/renew-loan.ts';
import { claimDeliveries, type ClaimItem } from './claims.ts';
import { branchNamer, deliver, noDeliveries, type DeliveryCounts } from './deliver.ts';
import { channelsFor } from './rules/channels.ts';
import { autoRenewalCandidates, dueEvents, holdReadyEvent, isReportedRefusal, loanEvent, type SubjectEvent } from './rules/events.ts';
import { defaultSettings } from './rules/settings.ts';

export interface PatronOutcome {
  autoRenewed: number;
  autoRenewalRefused: number;
  /** The sends of what was claimed, already under way (the claims have committed). */
  deliveries: Promise<DeliveryCounts>;
}

interface PatronState {
  patron: PatronRecord;
  settings: NotificationSettingsRecord;
  subscriptions: PushSubscriptionRecord[];
  titles: Map<string, TitleRecord>;
}

async function readState(ctx: AppContext, patronId: string): Promise<PatronState | null> {
  const [patron, settings, subscriptions] = await ctx.store.getMany<unknown>([
    keys.patron(patronId),
    notificationKeys.settings(patronId),
    notificationKeys.pushSubscriptions(patronId),
  ]);
  if (!patron) return null;
  const p = patron as PatronRecord;
  const bibIds = [...new Set([...p.loans, ...p.holds, ...p.cancelledHolds].map((x) => x.bibId))];
  const found = await ctx.store.getMany<TitleRecord>(bibIds.map((b) => keys.title(b)));
  const titles = new Map<string, TitleRecord>();
  found.forEach((t) => t && titles.set(t.bibId, t));
  return {
    patron: p,
    settings: (settings as NotificationSettingsRecord | null) ?? defaultSettings(ctx.policy.notifications.defaultDaysBefore),
    subscriptions: (subscriptions as PushSubscriptionRecord[] | null) ?? [],
    titles,
  };
}

/** The idempotency key of one automatic renewal attempt: once per loan and due date. */
export function autoRenewalKey(loanId: string, dueOn: IsoDate): string {
  return `auto-${loanId}-${dueOn}`;
}

/** 自動延長 for the loans whose window is open, by the normal renewal (same rule, same transaction). */
async function autoRenew(ctx: AppContext, state: PatronState, today: IsoDate): Promise<SubjectEvent[]> {
  const events: SubjectEvent[] = [];
  for (const loan of autoRenewalCandidates({ patron: state.patron, titles: state.titles, today }, ctx.policy)) {
    const title = state.titles.get(loan.bibId)?.title ?? '';
    const outcome = await renewLoan(ctx, state.patron.id, loan.id, autoRenewalKey(loan.id, loan.dueOn));
    if (outcome.ok) {
      events.push(loanEvent('auto_renewed', { ...loan, dueOn: outcome.loan.dueOn }, title, { previousDueOn: loan.dueOn }));
    } else if (isRenewBlock(outcome.refusal.code) && isReportedRefusal(outcome.refusal.code)) {
      events.push(loanEvent('auto_renewal_refused', loan, title, { reason: outcome.refusal.code }));
    }
  }
  return events;
}

const RENEW_BLOCKS: ReadonlySet<string> = new Set<RenewBlock>(['outside_window', 'renewal_limit', 'has_holds', 'not_renewable_material', 'inter_library_loan', 'card_expired']);
function isRenewBlock(code: string): code is RenewBlock {
  return RENEW_BLOCKS.has(code);
}

/** Claims the events, then starts sending what was claimed; resolves once the claims committed. */
async function claimAndSend(ctx: AppContext, state: PatronState, events: SubjectEvent[], today: IsoDate, digest: boolean): Promise<{ sending: Promise<DeliveryCounts> }> {
  const items: ClaimItem[] = events.map((event) => ({ event, channels: channelsFor(event, state.settings) })).filter((i) => i.channels.push || i.channels.email || i.channels.notice);
  if (items.length === 0) return { sending: Promise.resolve(noDeliveries()) };
  const claimed = await claimDeliveries(
    ctx,
    { patronId: state.patron.id, today, items, reach: { push: state.subscriptions.length > 0, email: state.patron.email !== null }, digest, branchName: branchNamer(ctx) },
    (instant) => libraryDate(new Date(instant), ctx.policy.timeZone),
  );
  // Wrapped: an async function returning a promise would wait for it.
  return { sending: deliver(ctx, { patron: state.patron, titles: state.titles, subscriptions: state.subscriptions, mailLang: state.settings.mailLang }, claimed, today) };
}

/** The patron's part of the day's pass. */
export async function runPatronDigest(ctx: AppContext, patronId: string, today: IsoDate): Promise<PatronOutcome> {
  let state = await readState(ctx, patronId);
  const outcome: PatronOutcome = { autoRenewed: 0, autoRenewalRefused: 0, deliveries: Promise.resolve(noDeliveries()) };
  if (!state) return outcome;
  let autoEvents: SubjectEvent[] = [];
  if (state.settings.autoRenew) {
    autoEvents = await autoRenew(ctx, state, today);
    outcome.autoRenewed = autoEvents.filter((e) => e.event === 'auto_renewed').length;
    outcome.autoRenewalRefused = autoEvents.length - outcome.autoRenewed;
    // The renewals changed the loans: the day's other events are judged on the account as it is now.
    if (autoEvents.length > 0) state = (await readState(ctx, patronId)) ?? state;
  }
  const refusedForHolds = new Set(autoEvents.flatMap((e) => ('loan' in e && e.reason === 'has_holds' ? [e.loan.id] : [])));
  const events = [
    ...autoEvents,
    // A refusal because of a hold already says what renewal_blocked would.
    ...dueEvents({ patron: state.patron, titles: state.titles, today, daysBefore: state.settings.daysBefore, autoRenew: state.settings.autoRenew }, ctx.policy).filter(
      (e) => !(e.event === 'renewal_blocked' && refusedForHolds.has(e.loan.id)),
    ),
  ];
  return { ...outcome, deliveries: (await claimAndSend(ctx, state, events, today, true)).sending };
}

/** hold_ready at once (a copy was set aside ready for the hold): after the desk's commit. */
export async function notifyHoldReady(ctx: AppContext, patronId: string, holdId: string): Promise<DeliveryCounts> {
  const state = await readState(ctx, patronId);
  const hold = state?.patron.holds.find((h) => h.id === holdId);
  if (!state || !hold || hold.status !== 'ready') return noDeliveries();
  const event = holdReadyEvent(hold, state.titles.get(hold.bibId)?.title ?? '');
  return (await claimAndSend(ctx, state, [event], ctx.clock.today(), false)).sending;
}
