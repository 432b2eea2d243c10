/**
 * Claiming deliveries: the one place "once per event per channel" is decided ([docs/rules.md#reminders](../../docs/rules.md#reminders)).
 *
 * For each event (one subject) and each channel it goes to, the key
 * `delivery:<patronId>:<event key…>:<channel>` is written in a store transaction if it is not there
 * yet; only what this transaction claimed is sent, after it commits. A second pass, a restart, or a
 * second instance on the same Redis finds the claim and sends nothing (the transaction is
 * optimistic: two instances claiming the same key conflict, and the loser's second run finds it).
 * A digest is also claimed as a whole per patron, library day and channel
 * (`digest:<patronId>:<date>:<channel>`): at most one digest a day per channel, however many passes.
 *
 * The transaction writes only store state — claims and お知らせ (`notice` is a channel like the others,
 * so a notice is listed once) — and has no other effect, so running it again is harmless.
 * Delivery is at most once: a send that fails after its claim is logged, not retried (a doubled
 * reminder is what patrons complain of most; the notice and the calendar feed still carry it).
 */
import { createHash } from 'node:crypto';
import type { IsoDate } from '../../common/api.ts';
import { addDays } from '../../common/dates.ts';
import type { AppContext } from '../context.ts';
import { notificationKeys, type Claim, type NoticeRecord } from '../domain/records.ts';
import type { ChannelChoice, Reach } from './rules/channels.ts';
import { groupNotices, type NoticeDraft, type SubjectEvent } from './rules/events.ts';

/** Claims outlive the events they are about (a due date is at most a few weeks ahead). */
export const DELIVERY_CLAIM_TTL_SECONDS = 62 * 24 * 60 * 60;
export const DIGEST_CLAIM_TTL_SECONDS = 3 * 24 * 60 * 60;

export type DeliveryChannel = 'push' | 'email' | 'notice';
const CHANNELS: readonly DeliveryChannel[] = ['push', 'email', 'notice'];

export interface ClaimItem {
  event: SubjectEvent;
  channels: ChannelChoice;
}

export interface ClaimRequest {
  patronId: string;
  today: IsoDate;
  items: readonly ClaimItem[];
  reach: Reach;
  /** The day's digest (claimed as a whole per channel), or a single delivery (hold_ready at once). */
  digest: boolean;
  branchName: (code: string) => string;
}

export type Claimed = Record<DeliveryChannel, SubjectEvent[]>;

/** A notice's id: the same events give the same id (the page and the SW use it to merge). */
export function noticeId(draft: Pick<NoticeDraft, 'keys'>): string {
  return createHash('sha256')
    .update(draft.keys.map((k) => k.join(':')).sort().join('|'))
    .digest('base64url')
    .slice(0, 22);
}

export function toNoticeRecord(draft: NoticeDraft, sentAt: string): NoticeRecord {
  return { id: noticeId(draft), event: draft.params.event, sentAt, url: draft.url, params: draft.params };
}

/** Notices sent on or after `since` (library date), newest first. */
export function recentNotices(notices: readonly NoticeRecord[], since: IsoDate, timeZoneDate: (instant: string) => IsoDate): NoticeRecord[] {
  return notices.filter((n) => timeZoneDate(n.sentAt) >= since).sort((a, b) => (a.sentAt < b.sentAt ? 1 : a.sentAt > b.sentAt ? -1 : 0));
}

export async function claimDeliveries(ctx: AppContext, req: ClaimRequest, libraryDateOf: (instant: string) => IsoDate): Promise<Claimed> {
  const now = ctx.clock.now().toISOString();
  const claim: Claim = { at: now, by: ctx.notifications.instanceId };
  const keptDays = ctx.policy.notifications.noticesKeptDays;
  return ctx.store.transaction(async (tx) => {
    const claimed: Claimed = { push: [], email: [], notice: [] };
    const open: Record<DeliveryChannel, boolean> = { push: req.reach.push, email: req.reach.email, notice: true };
    if (req.digest) {
      const [push, email] = await tx.getMany<Claim>([
        notificationKeys.digest(req.patronId, req.today, 'push'),
        notificationKeys.digest(req.patronId, req.today, 'email'),
      ]);
      if (push) open.push = false;
      if (email) open.email = false;
    }
    const wanted: { channel: DeliveryChannel; event: SubjectEvent; key: string }[] = [];
    for (const item of req.items) {
      for (const channel of CHANNELS) {
        if (open[channel] && item.channels[channel]) {
          wanted.push({ channel, event: item.event, key: notificationKeys.delivery(req.patronId, item.event.key, channel) });
        }
      }
    }
    const existing = await tx.getMany<Claim>(wanted.map((w) => w.key));
    wanted.forEach((w, i) => {
      if (existing[i]) return;
      tx.set(w.key, claim, { ttlSeconds: DELIVERY_CLAIM_TTL_SECONDS });
      claimed[w.channel].push(w.event);
    });
    if (req.digest) {
      for (const channel of ['push', 'email'] as const) {
        if (claimed[channel].length > 0) tx.set(notificationKeys.digest(req.patronId, req.today, channel), claim, { ttlSeconds: DIGEST_CLAIM_TTL_SECONDS });
      }
    }
    if (claimed.notice.length > 0) {
      const key = notificationKeys.notices(req.patronId);
      const kept = recentNotices((await tx.get<NoticeRecord[]>(key)) ?? [], addDays(req.today, -keptDays), libraryDateOf);
      const added = groupNotices(claimed.notice, req.today, ctx.policy, req.branchName).map((d) => toNoticeRecord(d, now));
      const ids = new Set(kept.map((n) => n.id));
      // Listed for noticesKeptDays; the whole list expires when nothing new came for that long.
      tx.set(key, [...added.filter((n) => !ids.has(n.id)), ...kept], { ttlSeconds: (keptDays + 1) * 24 * 60 * 60 });
    }
    return claimed;
  });
}
