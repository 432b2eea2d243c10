/**
 * The calendar feed ([docs/rules.md#reminders](../../../docs/rules.md#reminders)), written with ical-generator: all-day events for each loan's
 * 返却期限日, each ready hold's 取置期限日 and each waiting hold's 予約待ち期限日, each with a display
 * alarm `daysBefore` days before at `notifications.calendarAlarmHour` (9:00) library time, and the
 * closed days of the patron's branches (those of their loans, holds and default pickup branch) for
 * the next `calendarClosedDaysAhead` days.
 *
 * UIDs are stable: `loan-<id>@<host>`, `hold-<id>@<host>`, so a renewal moves its event (same UID,
 * new date) and a hold that becomes ready moves from its 予約待ち期限日 to its 取置期限日. With hidden
 * titles, the events of one kind and one day are one event (「図書館の本 2冊」) with a UID of that
 * kind and day. All-day dates are floating (`VALUE=DATE`), as calendar apps expect, and the alarms
 * are relative to the day's start, so they ring at 9:00 wherever the phone is set.
 */
import ical, { ICalAlarmType, ICalEventTransparency, type ICalCalendar } from 'ical-generator';
import type { IsoDate } from '../../../common/api.ts';
import { addDays } from '../../../common/dates.ts';
import type { NotificationWording } from '../../../common/wording/notification-wording.ts';
import type { NotificationSettingsRecord, PatronRecord, TitleRecord } from '../../domain/records.ts';
import { calendarOf } from '../../library/calendar.ts';
import type { Policy } from '../../policy/policy.ts';
import { statusOn } from '../../rules/opening-hours.ts';

export interface FeedInput {
  patron: PatronRecord;
  titles: ReadonlyMap<string, TitleRecord>;
  settings: NotificationSettingsRecord;
  today: IsoDate;
  now: Date;
  policy: Policy;
  /** The host the feed was asked on (the UIDs' domain). */
  host: string;
  libraryName: string;
  wording: NotificationWording;
}

type Kind = 'due' | 'pickupBy' | 'notNeededAfter';

interface Dated {
  kind: Kind;
  /** `loan-<id>` / `hold-<id>`. */
  uid: string;
  date: IsoDate;
  title: string;
  branchName: string;
}

/** UTC midnight of a date: ical-generator writes an all-day Date with its UTC calendar date. */
const dayStart = (date: IsoDate) => new Date(`${date}T00:00:00Z`);

function datedEntries(input: FeedInput): Dated[] {
  const branchName = (code: string) => input.policy.branches.find((b) => b.code === code)?.shortName ?? code;
  const title = (bibId: string) => input.titles.get(bibId)?.title ?? '';
  const entries: Dated[] = input.patron.loans.map((l) => ({ kind: 'due', uid: `loan-${l.id}`, date: l.dueOn, title: title(l.bibId), branchName: branchName(l.branch) }));
  for (const h of input.patron.holds) {
    const base = { uid: `hold-${h.id}`, title: title(h.bibId), branchName: branchName(h.pickupBranch) };
    if (h.status === 'ready' && h.pickupBy) entries.push({ ...base, kind: 'pickupBy', date: h.pickupBy });
    else if (h.status === 'waiting' && h.notNeededAfter) entries.push({ ...base, kind: 'notNeededAfter', date: h.notNeededAfter });
  }
  return entries;
}

function addAlarm(event: ReturnType<ICalCalendar['createEvent']>, input: FeedInput): void {
  // Relative to the all-day event's start (00:00 of that day): N days before, at the alarm hour.
  const seconds = input.settings.daysBefore * 86_400 - input.policy.notifications.calendarAlarmHour * 3_600;
  event.createAlarm({ type: ICalAlarmType.display, trigger: seconds, description: input.wording.feed.alarm });
}

/** The patron's branches' closed days ahead: one event per day, naming the branches closed. */
function closedDays(input: FeedInput): { date: IsoDate; names: string[] }[] {
  const codes = new Set<string>([input.patron.defaults.pickupBranch, ...input.patron.loans.map((l) => l.branch), ...input.patron.holds.map((h) => h.pickupBranch)]);
  const branches = input.policy.branches.filter((b) => codes.has(b.code));
  const calendar = calendarOf(input.policy);
  const days: { date: IsoDate; names: string[] }[] = [];
  for (let i = 0; i <= input.policy.notifications.calendarClosedDaysAhead; i++) {
    const date = addDays(input.today, i);
    const names = branches.filter((b) => !statusOn(calendar, b.code, date).open).map((b) => b.shortName);
    if (names.length > 0) days.push({ date, names });
  }
  return days;
}

export function calendarFeed(input: FeedInput): string {
  const { wording, host } = input;
  const calendar = ical({ name: wording.feed.calendarName(input.libraryName), prodId: { company: 'shiori', product: 'calendar-feed', language: 'JA' }, ttl: 3 * 60 * 60 });
  const common = { allDay: true, stamp: input.now, transparency: ICalEventTransparency.TRANSPARENT };
  const entries = datedEntries(input);
  const label = (e: Dated) => wording.feed[e.kind];

  if (input.settings.calendar.hideTitles) {
    const groups = new Map<string, Dated[]>();
    for (const e of entries) groups.set(`${e.kind}|${e.date}`, [...(groups.get(`${e.kind}|${e.date}`) ?? []), e]);
    for (const [group, list] of groups) {
      const [kind, date] = group.split('|') as [Kind, IsoDate];
      const event = calendar.createEvent({
        ...common,
        id: `${kind}-${date}@${host}`,
        start: dayStart(date),
        end: dayStart(addDays(date, 1)),
        summary: label(list[0]!)(wording.feed.hidden(list.length)),
      });
      addAlarm(event, input);
    }
  } else {
    for (const e of entries) {
      const event = calendar.createEvent({
        ...common,
        id: `${e.uid}@${host}`,
        start: dayStart(e.date),
        end: dayStart(addDays(e.date, 1)),
        summary: label(e)(e.title),
        location: e.branchName,
      });
      addAlarm(event, input);
    }
  }
  for (const day of closedDays(input)) {
    calendar.createEvent({ ...common, id: `closed-${day.date}@${host}`, start: dayStart(day.date), end: dayStart(addDays(day.date, 1)), summary: wording.feed.closed(day.names) });
  }
  return calendar.toString();
}
