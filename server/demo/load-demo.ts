/**
 * Demo data for `npm start` on an empty store (DEMO=0 disables), placed around the library
 * clock's today. Everything is written through the same functions the API and staff desk use
 * (create patron/title, checkout, place/cancel hold, check-in), on a private demo clock moved
 * back in time for the steps that happened "earlier", so queues, copies and holds agree.
 *
 * Patrons: 2000000326 / library1 (the seed's patron), 2000000276 / library2,
 * 2000000418 (no password yet; birth date 2012-05-05: for first-password issuance).
 */
import { newId } from '../domain/ids.ts';
import { addDays, addMonths } from '../../common/dates.ts';
import type { IsoDate } from '../../common/api.ts';
import { createClock } from '../clock.ts';
import type { AppContext } from '../context.ts';
import { cancelHold, placeHold } from '../holds/patron-holds.ts';
import { checkIn } from '../holds/desk-holds.ts';
import { checkout, createPatron, createTitle } from '../staff/register.ts';
import { generatedTitles, STORY_TITLES } from './demo-catalog.ts';
import { keys, type PatronRecord } from '../domain/records.ts';
import { addCategory, addEntries } from '../rules/wishlist.ts';

export const DEMO_PATRONS = {
  seed: { cardNumber: '2000000326', password: 'library1' },
  second: { cardNumber: '2000000276', password: 'library2' },
  noPassword: { cardNumber: '2000000418', birthDate: '2012-05-05' },
} as const;

/** Whether any key starts with `prefix` (stops at the first one found). */
async function anyKey(ctx: AppContext, prefix: string): Promise<boolean> {
  for await (const page of ctx.store.scan(prefix, { pageSize: 1 })) if (page.length > 0) return true;
  return false;
}

/** No patron and no title yet (a new library, or a new DATA_DIR). */
export async function isStoreEmpty(ctx: AppContext): Promise<boolean> {
  return !(await anyKey(ctx, 'patron:')) && !(await anyKey(ctx, 'title:'));
}

export async function loadDemoIfEmpty(ctx: AppContext): Promise<boolean> {
  if (!(await isStoreEmpty(ctx))) return false;
  await loadDemo(ctx);
  return true;
}

export async function loadDemo(ctx: AppContext): Promise<void> {
  const today = ctx.clock.today();
  // Noon in the library's day, so the demo clock never straddles midnight.
  const clock = createClock({ startAt: noonOf(ctx, today), timeZone: ctx.policy.timeZone });
  const demo: AppContext = { ...ctx, clock };
  const on = (date: IsoDate) => clock.set(new Date(noonOf(ctx, date)));
  const day = (n: number) => addDays(today, n);

  on(day(-30));
  const bib = new Map<string, string>();
  for (const t of [...STORY_TITLES, ...generatedTitles()]) {
    const created = await createTitle(demo, { ...t });
    bib.set(t.title, created.bibId);
  }
  const seed = await createPatron(demo, {
    cardNumber: DEMO_PATRONS.seed.cardNumber,
    password: DEMO_PATRONS.seed.password,
    birthDate: '1985-06-15',
    cardExpiresOn: addMonths(today, 24),
    email: 'shiori.demo@example.jp',
    name: '小金井 栞',
  });
  const second = await createPatron(demo, {
    cardNumber: DEMO_PATRONS.second.cardNumber,
    password: DEMO_PATRONS.second.password,
    birthDate: '1979-11-03',
    cardExpiresOn: addMonths(today, 12),
    name: '貫井 ふみ',
  });
  const third = await createPatron(demo, {
    cardNumber: DEMO_PATRONS.noPassword.cardNumber,
    birthDate: DEMO_PATRONS.noPassword.birthDate,
    cardExpiresOn: addMonths(today, 24),
    name: '緑町 そら',
  });
  const lend = (cardNumber: string, barcode: string, loanedOn: IsoDate, dueOn?: IsoDate) =>
    checkout(demo, { cardNumber, barcode, loanedOn, ...(dueOn ? { dueOn } : {}) });
  const idOf = (title: string) => bib.get(title)!;

  // Copies the story's holds wait for are out on loan to the other patrons.
  await lend(second.cardNumber, '103300411', day(-20)); // 地底旅行
  await lend(third.cardNumber, '108120077', day(-19)); // お城へ行こう!
  await lend(third.cardNumber, '101245566', day(-18)); // さいごの戦い
  await lend(second.cardNumber, '102002468', day(-12)); // イソップ

  // The seed patron's loans: 夢の守り人 renewable now (due in 3 days), 哲学のことば from today.
  await lend(seed.cardNumber, '107509002', day(-18), day(3));

  // Holds, placed days ago; 週刊ベースボール placed and then cancelled by the patron.
  on(day(-10));
  const baseball = await placeHold(demo, seed.id, { bibId: idOf('週刊ベースボール') });
  on(day(-6));
  await placeHold(demo, second.id, { bibId: idOf('さいごの戦い') });
  on(day(-5));
  await placeHold(demo, seed.id, { bibId: idOf('地底旅行'), pickupBranch: 'central' });
  await placeHold(demo, seed.id, { bibId: idOf('お城へ行こう!'), pickupBranch: 'nishinodai' });
  await placeHold(demo, seed.id, { bibId: idOf('さいごの戦い') });
  await placeHold(demo, seed.id, { bibId: idOf('イソップ') });
  on(day(-3));
  await cancelHold(demo, seed.id, baseball.id);

  // Yesterday two copies came back: 地底旅行 at its pickup branch (ready), お城 at 本館 (in transit to 西之台).
  on(day(-1));
  await checkIn(demo, '103300411', 'central');
  await checkIn(demo, '108120077', 'central');

  on(today);
  await lend(seed.cardNumber, '105897995', today);

  // The seed's 今度読みたい資料 holds three titles: two in a category, one 未分類.
  const [w1, w2, w3] = generatedTitles();
  await demo.store.transaction(async (tx) => {
    const patron = (await tx.get<PatronRecord>(keys.patron(seed.id)))!;
    const category = addCategory(patron.wishlist, 'こんど読む', newId('c'));
    if (!category.ok) throw new Error('demo wishlist category refused');
    const now = clock.now().toISOString();
    const sorted = addEntries(category.list, [idOf(w1!.title), idOf(w2!.title)], category.value.id, () => newId('w'), now);
    if (!sorted.ok) throw new Error('demo wishlist entries refused');
    const loose = addEntries(sorted.list, [idOf(w3!.title)], null, () => newId('w'), now);
    if (!loose.ok) throw new Error('demo wishlist entries refused');
    tx.set(keys.patron(seed.id), { ...patron, wishlist: loose.list });
  });
  ctx.log.info(
    `shiori: demo data loaded (${bib.size} titles; patrons 2000000326/library1, 2000000276/library2, 2000000418 without password)`,
  );
}

/** 12:00 of a library-local date, as an ISO instant. */
function noonOf(ctx: AppContext, date: IsoDate): string {
  // The zone's offset at that date: compare the wall clock of 12:00Z there with 12:00.
  const guess = new Date(`${date}T12:00:00Z`);
  const wall = new Intl.DateTimeFormat('en-GB', { timeZone: ctx.policy.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(guess);
  const [h, m] = wall.split(':').map(Number) as [number, number];
  const offsetMinutes = (h * 60 + m - 12 * 60 + 24 * 60 * 2) % (24 * 60);
  const signed = offsetMinutes > 12 * 60 ? offsetMinutes - 24 * 60 : offsetMinutes;
  return new Date(guess.getTime() - signed * 60_000).toISOString();
}
