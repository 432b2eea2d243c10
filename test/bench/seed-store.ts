/**
 * Seeds a store directly for the API benchmark: patrons, titles with copies, loans, holds and
 * sessions written in big store transactions (SEED_BATCH records each), with the records built by
 * the same pure builders the desk uses (staff/new-records.ts, rules/holds.ts) and the same key
 * layout and indexes (card:, barcode:, hold:, sessions-of:). Much faster than the staff API (no
 * scrypt per patron: every patron shares one password hash; no HTTP per record).
 *
 * Layout of the data: every title is a book with COPIES copies; the first `benchPatrons` patrons
 * have 20 loans (renewable today: due tomorrow) of titles spread over the whole catalogue and 2
 * waiting holds on titles nobody borrows (so no renewal meets has_holds); the other patrons have 2
 * loans each.
 */
import type { IsoDate } from '../../common/api.ts';
import { addDays } from '../../common/dates.ts';
import { keys, type LoanRecord, type PatronRecord, type TitleRecord } from '../../server/domain/records.ts';
import { saveSession, type SessionRecord } from '../../server/auth/session-store.ts';
import { lentRecords, newPatronRecord, newTitleRecord } from '../../server/staff/new-records.ts';
import { enqueue, newHold } from '../../server/rules/holds.ts';
import type { Store } from '../../server/storage/store.ts';
import { FORMAT, FORMAT_KEY } from '../../server/storage/upgrade-from-v1.ts';
import { generateCatalogue } from './catalogue-generator.ts';

export const SEED_BATCH = 2000;
export const COPIES = 3;
export const BENCH_LOANS = 20;
export const OTHER_LOANS = 2;
export const BENCH_HOLDS = 2;
export const SESSION_TTL_SECONDS = 65 * 60;

export interface SeedPlan {
  patrons: number;
  titles: number;
  /** Patrons with 20 loans and 2 holds, the ones the benchmark logs in as. */
  benchPatrons: number;
  today: IsoDate;
  /** Library-clock instant the records are dated at. */
  now: string;
  passwordHash: string;
}

export interface BenchPatron {
  id: string;
  cardNumber: string;
  loanIds: string[];
  holdIds: string[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const cardOf = (i: number) => `7${pad(i, 9)}`;
const patronIdOf = (i: number) => `pBench${pad(i, 7)}`;

/** Writes `records` (key → value) in transactions of SEED_BATCH. */
async function putAll(store: Store, entries: Iterable<[string, unknown]>): Promise<void> {
  let batch: [string, unknown][] = [];
  const flush = async () => {
    const writes = batch;
    batch = [];
    if (writes.length > 0) await store.transaction(async (tx) => writes.forEach(([k, v]) => tx.set(k, v)));
  };
  for (const e of entries) {
    batch.push(e);
    if (batch.length >= SEED_BATCH) await flush();
  }
  await flush();
}

export async function seedStore(store: Store, plan: SeedPlan): Promise<BenchPatron[]> {
  const branches = ['central', 'nishinodai', 'higashi'];
  const catalogue = generateCatalogue(plan.titles, 20261201);
  const titles: TitleRecord[] = catalogue.map((t, i) =>
    newTitleRecord(
      {
        title: t.title,
        author: t.author,
        publisher: t.publisher,
        materialType: 'book',
        category: 'general',
        copies: Array.from({ length: COPIES }, (_, c) => ({ barcode: `${t.bibId}-${c + 1}`, branch: branches[(i + c) % branches.length]! })),
      },
      t.bibId,
    ),
  );

  // Loans take copies in an order spread over the catalogue (a stride prime to the title count);
  // the last BENCH_HOLDS × benchPatrons titles of that order are kept free for holds.
  const stride = 7919;
  const order = (k: number) => (k * stride) % plan.titles;
  const holdTitles = plan.benchPatrons * BENCH_HOLDS;
  let nextLoan = 0;
  const loanedOn = addDays(plan.today, -20);
  const dueOn = addDays(plan.today, 1);
  const bench: BenchPatron[] = [];
  const patrons: PatronRecord[] = [];
  for (let i = 0; i < plan.patrons; i++) {
    let patron = newPatronRecord({ cardNumber: cardOf(i), birthDate: '1980-01-01', cardExpiresOn: '2035-03-31' }, patronIdOf(i), plan.passwordHash, 'central');
    const isBench = i < plan.benchPatrons;
    const loanIds: string[] = [];
    for (let j = 0; j < (isBench ? BENCH_LOANS : OTHER_LOANS); j++, nextLoan++) {
      const slot = nextLoan % (plan.titles - holdTitles);
      const copyNo = Math.floor(nextLoan / (plan.titles - holdTitles));
      if (copyNo >= COPIES) throw new Error('seed: not enough copies for the loans');
      const title = titles[order(slot)]!;
      const loan: LoanRecord = {
        id: `l${patronIdOf(i)}x${j}`,
        bibId: title.bibId,
        barcode: title.copies[copyNo]!.barcode,
        branch: title.copies[copyNo]!.branch,
        loanedOn,
        dueOn,
        renewals: 0,
        interLibraryLoan: false,
      };
      const lent = lentRecords(patron, title, loan, null);
      patron = lent.patron;
      titles[order(slot)] = lent.title;
      loanIds.push(loan.id);
    }
    const holdIds: string[] = [];
    if (isBench) {
      for (let h = 0; h < BENCH_HOLDS; h++) {
        const k = plan.titles - holdTitles + i * BENCH_HOLDS + h;
        const title = titles[order(k)]!;
        const hold = newHold({ id: `h${patronIdOf(i)}x${h}`, bibId: title.bibId, now: plan.now, today: plan.today, pickupBranch: 'central', contactMethod: 'phone', notNeededAfter: null });
        patron = { ...patron, holds: [...patron.holds, hold] };
        titles[order(k)] = { ...title, queue: enqueue(title.queue, { holdId: hold.id, patronId: patron.id, placedAt: hold.placedAt }) };
        holdIds.push(hold.id);
      }
      bench.push({ id: patron.id, cardNumber: patron.cardNumber, loanIds, holdIds });
    }
    patrons.push(patron);
  }

  await putAll(
    store,
    (function* () {
      for (const t of titles) {
        yield [keys.title(t.bibId), t] as [string, unknown];
        for (const c of t.copies) yield [keys.barcode(c.barcode), t.bibId];
      }
      for (const p of patrons) {
        yield [keys.patron(p.id), p];
        yield [keys.card(p.cardNumber), p.id];
        for (const h of p.holds) yield [keys.holdOwner(h.id), p.id];
      }
      yield [keys.seq('titles'), plan.titles];
      // Written in this version's layout: nothing for the v1 upgrade to do at the first start.
      yield [FORMAT_KEY, FORMAT];
    })(),
  );
  return bench;
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A session id of lucia's shape (40 lower-case base32 characters): `tag` (letters) then `n`. */
export function sessionIdOf(tag: string, n: number): string {
  let code = '';
  for (let i = 0; i < 8; i++, n = Math.floor(n / 32)) code = BASE32[n % 32] + code;
  return tag.padEnd(32, 'a').slice(0, 32) + code;
}

/** `count` live sessions spread over `patronIds` (round robin), through saveSession (index included). */
export async function seedSessions(store: Store, patronIds: readonly string[], count: number, now: string, tag: string): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, k) => sessionIdOf(tag, k));
  for (let start = 0; start < count; start += 500) {
    await store.transaction(async (tx) => {
      for (let k = start; k < Math.min(count, start + 500); k++) {
        const record: SessionRecord = { id: ids[k]!, patronId: patronIds[k % patronIds.length]!, createdAt: now, lastSeenAt: now, kiosk: false, expiresAt: '2099-01-01T00:00:00.000Z' };
        await saveSession(tx, record, SESSION_TTL_SECONDS);
      }
    });
  }
  return ids;
}
