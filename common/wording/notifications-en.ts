/** Notification wording in English. See notification-wording.ts. */
import type { IsoDate } from '../api.ts';
import type { NotificationWording } from './notification-wording.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-05-10` → `10 May 2026`. */
function date(d: IsoDate): string {
  const [y, m, day] = d.split('-');
  return `${Number(day)} ${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** “Moribito”, or “Moribito” and 2 more. */
function titles(loans: { title: string }[]): string {
  const first = `“${loans[0]?.title ?? ''}”`;
  return loans.length > 1 ? `${first} and ${loans.length - 1} more` : first;
}

export const notificationsEn: NotificationWording = {
  due_soon: (p) => ({
    title: `Due soon (${date(p.dueOn)})`,
    body: `${titles(p.loans)} ${p.loans.length > 1 ? 'are' : 'is'} due on ${date(p.dueOn)} (in ${p.days} day${p.days === 1 ? '' : 's'}).`,
  }),
  renewable_now: (p) => ({
    title: 'You can renew now',
    body: `${titles(p.loans)} can be renewed (due ${date(p.dueOn)}).`,
  }),
  renewal_blocked: (p) => ({
    title: 'Can no longer be renewed',
    body: `Another patron has placed a hold on ${titles(p.loans)}, so it cannot be renewed. Please return it by ${date(p.dueOn)}.`,
  }),
  hold_ready: (p) => ({
    title: 'Your hold is ready',
    body: p.pickupBy
      ? `“${p.title}” is ready for pickup at ${p.branchName}. Please collect it by ${date(p.pickupBy)}.`
      : `“${p.title}” is ready for pickup at ${p.branchName}.`,
  }),
  pickup_tomorrow: (p) => ({
    title: 'Pickup deadline tomorrow',
    body: `Please collect “${p.title}” at ${p.branchName} by tomorrow (${date(p.pickupBy)}).`,
  }),
  hold_expired: (p) => ({
    title: 'Hold cancelled',
    body:
      p.reason === 'wait_expired'
        ? `Your hold on “${p.title}” was cancelled: its not-needed-after date has passed.`
        : `Your hold on “${p.title}” was cancelled: it was not collected by its pickup deadline.`,
  }),
  overdue: (p) => ({
    title: 'Overdue',
    body: `${titles(p.loans)} was due on ${date(p.dueOn)}. Please return it soon.`,
  }),
  auto_renewed: (p) => ({
    title: 'Renewed automatically',
    body: `${titles(p.loans)} has been renewed. The new due date is ${date(p.dueOn)}.`,
  }),
  auto_renewal_refused: (p) => ({
    title: 'Automatic renewal not possible',
    body: `${titles(p.loans)} could not be renewed ${notificationsEn.renewBlock(p.reason)}. It is due on ${date(p.dueOn)}.`,
  }),
  test: () => ({ title: 'Test notification', body: 'This is how notifications from the library will look.' }),
  renewBlock: (reason) =>
    ({
      outside_window: 'because it is outside the renewal period',
      renewal_limit: 'because it has already been renewed',
      has_holds: 'because another patron has a hold on it',
      not_renewable_material: 'because CDs cannot be renewed',
      inter_library_loan: 'because it was borrowed from another library',
      card_expired: 'because your library card has expired',
    })[reason],
  renewAction: 'Renew',
  renewed: (dueOn) => ({ title: 'Renewed', body: `The new due date is ${date(dueOn)}.` }),
  renewQueued: { title: 'Renewal waiting to be sent', body: 'It will be sent when the library can be reached.' },
  renewRefused: (message) => ({ title: 'Could not renew', body: message }),
  someoneElse: { title: 'News from the library', body: 'Log in to read it.' },
  digestTitle: (count) => `News from the library (${count})`,
  mailSubject: (titles, library) => `[${library}] ${titles.length === 1 ? titles[0] : `News from the library (${titles.length})`}`,
  mailGreeting: (library) => `This is ${library}.`,
  mailIntro: 'Here is news about your loans and holds.',
  mailClosing: ['You can also read this under “News” in the patron pages.', 'You can change what you are told, and how, under “Notification settings”.', '', 'This message was sent from an address that cannot accept replies.'],
  feed: {
    calendarName: (library) => `${library} (due dates and pickups)`,
    due: (what) => `Due: ${what}`,
    pickupBy: (what) => `Pick up by: ${what}`,
    notNeededAfter: (what) => `Hold not needed after: ${what}`,
    hidden: (count) => `${count} library item${count === 1 ? '' : 's'}`,
    closed: (names) => `Closed: ${names.join(', ')}`,
    alarm: 'Reminder from the library',
  },
};
