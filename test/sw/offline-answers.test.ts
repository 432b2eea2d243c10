import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AccountSnapshot, LibraryInfo, Loan } from '../../common/api.ts';
import { OFFLINE_HEADER } from '../../common/offline.ts';
import {
  copiesToServe,
  keptIdleTimeoutSeconds,
  markPendingRenewals,
  offlineAccountAnswer,
  libraryToStore,
  offlineError,
  offlineLibraryAnswer,
  offlineSessionAnswer,
  snapshotToStore,
  withRenewedLoan,
  type DeviceCopies,
  type StoredSnapshot,
} from '../../sw/offline-answers.ts';

function loan(id: string, dueOn: string): Loan {
  return {
    id, bibId: `b-${id}`, title: `title ${id}`, category: 'children', barcode: `0${id}`, branch: 'central',
    loanedOn: '2026-04-06', dueOn, renewals: 0, renewable: true, renewBlockedBy: null,
    renewWindow: { from: '2026-04-20', to: '2026-05-04' }, overdue: false, interLibraryLoan: false,
  };
}

function snapshot(patronId: string, loans: Loan[]): AccountSnapshot {
  const cl = { count: 0, limit: 5 };
  return {
    asOf: '2026-04-27T01:00:00.000Z', today: '2026-04-27',
    patron: { id: patronId, cardMasked: '*****326', cardExpiresOn: '2027-03-31', cardExpired: false, email: null,
      defaults: { pickupBranch: 'central', contactMethod: 'email' } },
    loans, holds: [], cancelledHolds: [],
    counts: { loans: { total: loans.length, general: cl, cd: cl }, holds: { total: 0, general: cl, cd: cl } },
    wishlistCount: 0,
  };
}

const stored = (patronId: string, loans: Loan[] = [loan('L1', '2026-04-27')]): StoredSnapshot => ({
  patronId, capturedAt: '2026-04-27T01:00:00.000Z', snapshot: snapshot(patronId, loans),
});

const base = { kiosk: false, pendingLoanIds: new Set<string>(), acceptLanguage: null, offlineHeader: OFFLINE_HEADER };

test('offline, the last patron seen gets their snapshot with the X-Shiori-Offline capture time', () => {
  const a = offlineAccountAnswer({ ...base, lastPatronId: 'pA', stored: stored('pA') });
  assert.equal(a.status, 200);
  assert.equal(a.headers[OFFLINE_HEADER], '2026-04-27T01:00:00.000Z');
  assert.equal((a.body as AccountSnapshot).patron.id, 'pA');
});

test("offline, another patron's snapshot is never served (patron B logged in after A)", () => {
  const a = offlineAccountAnswer({ ...base, lastPatronId: 'pB', stored: stored('pA') });
  assert.equal(a.status, 503);
  assert.equal((a.body as { error: { code: string } }).error.code, 'offline');
});

test('a stored row whose body names another patron is not served either', () => {
  const tampered: StoredSnapshot = { ...stored('pA'), snapshot: snapshot('pB', []) };
  assert.equal(offlineAccountAnswer({ ...base, lastPatronId: 'pA', stored: tampered }).status, 503);
});

test('offline with no snapshot (or nobody logged in) answers a 503 JSON error', () => {
  assert.equal(offlineAccountAnswer({ ...base, lastPatronId: 'pA', stored: undefined }).status, 503);
  assert.equal(offlineAccountAnswer({ ...base, lastPatronId: null, stored: stored('pA') }).status, 503);
});

test('offline in kiosk mode nothing is served, even if a snapshot were there', () => {
  const a = offlineAccountAnswer({ ...base, kiosk: true, lastPatronId: 'pA', stored: stored('pA') });
  assert.equal(a.status, 503);
  assert.equal(a.headers[OFFLINE_HEADER], undefined);
});

test('loans with a queued renewal are marked pendingRenewal, the others are not', () => {
  const s = stored('pA', [loan('L1', '2026-04-27'), loan('L2', '2026-05-18')]);
  const a = offlineAccountAnswer({ ...base, lastPatronId: 'pA', stored: s, pendingLoanIds: new Set(['L2']) });
  const loans = (a.body as { loans: (Loan & { pendingRenewal?: boolean })[] }).loans;
  assert.deepEqual(loans.map((l) => [l.id, l.pendingRenewal ?? false]), [['L1', false], ['L2', true]]);
});

test('marking pending loans leaves the stored snapshot untouched', () => {
  const s = snapshot('pA', [loan('L1', '2026-04-27')]);
  markPendingRenewals(s, new Set(['L1']));
  assert.equal('pendingRenewal' in s.loans[0]!, false);
});

test('the offline error speaks English when the page asked for it', () => {
  const en = offlineError('kiosk-renewal', 'en-US,en;q=0.9').body as { error: { message: string } };
  const ja = offlineError('kiosk-renewal', null).body as { error: { message: string } };
  assert.match(en.error.message, /offline/i);
  assert.match(ja.error.message, /オフライン/);
});

test('an account body is stored under its patron id with the server asOf as capture time', () => {
  const s = snapshotToStore(snapshot('pA', []), '2030-01-01T00:00:00.000Z');
  assert.equal(s?.patronId, 'pA');
  assert.equal(s?.capturedAt, '2026-04-27T01:00:00.000Z');
});

test('a body that is not an account snapshot is not stored', () => {
  assert.equal(snapshotToStore({ error: { code: 'unauthenticated' } }, 'x'), null);
  assert.equal(snapshotToStore(null, 'x'), null);
  assert.equal(snapshotToStore({ patron: { id: '' }, loans: [] }, 'x'), null);
});

test('a settled renewal replaces that loan in the stored snapshot', () => {
  const s = stored('pA', [loan('L1', '2026-04-27'), loan('L2', '2026-05-18')]);
  const renewed = { ...loan('L1', '2026-05-04'), renewals: 1, renewable: false };
  const after = withRenewedLoan(s, renewed);
  assert.deepEqual(after.snapshot.loans.map((l) => [l.id, l.dueOn, l.renewals]), [['L1', '2026-05-04', 1], ['L2', '2026-05-18', 0]]);
  assert.equal(withRenewedLoan(s, null), s);
});

test('offline, the session answer names the last patron seen (so the app starts offline), marked offline', () => {
  const a = offlineSessionAnswer({ ...base, lastPatronId: 'pA', stored: stored('pA'), idleTimeoutSeconds: 3600 });
  assert.equal(a.status, 200);
  assert.equal((a.body as { patron: { id: string }; kiosk: boolean }).patron.id, 'pA');
  assert.equal(a.headers[OFFLINE_HEADER], '2026-04-27T01:00:00.000Z');
});

test('offline, the session answer is a 503 for another patron, for nobody, and in kiosk mode', () => {
  const s = { ...base, idleTimeoutSeconds: 3600 };
  assert.equal(offlineSessionAnswer({ ...s, lastPatronId: 'pB', stored: stored('pA') }).status, 503);
  assert.equal(offlineSessionAnswer({ ...s, lastPatronId: null, stored: undefined }).status, 503);
  assert.equal(offlineSessionAnswer({ ...s, kiosk: true, lastPatronId: 'pA', stored: stored('pA') }).status, 503);
});

test('the offline error carries its code and parameters, so the page can word it (kids too)', () => {
  const body = offlineError('kiosk-renewal', null).body as { error: Record<string, unknown> };
  assert.deepEqual({ ...body.error, message: undefined }, { code: 'offline', action: 'renewal', sharedDevice: true, message: undefined });
  assert.match(String(body.error['message']), /共用端末では送信待ちにできません/);
});

test('offline, the session answer takes its idle timeout from the kept policy, and is a 503 when none is kept', () => {
  const a = offlineSessionAnswer({ ...base, lastPatronId: 'pA', stored: stored('pA'), idleTimeoutSeconds: 1800 });
  assert.equal((a.body as { idleTimeoutSeconds: number }).idleTimeoutSeconds, 1800);
  assert.equal(offlineSessionAnswer({ ...base, lastPatronId: 'pA', stored: stored('pA'), idleTimeoutSeconds: null }).status, 503);
});

function libraryInfo(kiosk = false): LibraryInfo {
  return {
    kiosk,
    today: '2026-04-27',
    branches: [{ code: 'testbr', name: 'テスト分館', hoursToday: null, openToday: false, hours: [] }],
    policy: {
      timeZone: 'Asia/Tokyo',
      branches: [{ code: 'testbr', name: 'テスト分館', shortName: 'テスト分館', hours: [] }],
      loanPeriodDays: { general: 21, cd: 14 },
      renewal: { daysBeforeDue: 3, daysAfterDue: 2, maxRenewals: 2, extensionDays: 10 },
      loanLimits: { total: 9999, cd: 5 },
      holdLimits: { total: 10, cd: 5 },
      pickupPeriodDays: 7,
      cancelledHoldsShownMonths: 1,
      idleTimeoutSeconds: { normal: 3600, kiosk: 180 },
      notifications: { defaultDaysBefore: 3, maxDaysBefore: 7, noticesKeptDays: 30 },
    },
  };
}

test('a library answer is kept with its policy; anything else is not', () => {
  const kept = libraryToStore(libraryInfo(), '2026-04-27T01:00:00.000Z');
  assert.equal(kept?.info.policy.renewal.daysBeforeDue, 3);
  assert.equal(libraryToStore({ error: { code: 'internal' } }, 'x'), null);
  assert.equal(libraryToStore({ today: '2026-04-27', branches: [] }, 'x'), null, 'an answer without a policy');
});

test('offline, GET /api/library answers the kept copy with its capture time, kiosk for a kiosk page; 503 when none is kept', () => {
  const kept = libraryToStore(libraryInfo(), '2026-04-27T01:00:00.000Z')!;
  const a = offlineLibraryAnswer({ kept, kiosk: false, acceptLanguage: null, offlineHeader: OFFLINE_HEADER });
  assert.equal(a.status, 200);
  assert.equal(a.headers[OFFLINE_HEADER], '2026-04-27T01:00:00.000Z');
  assert.deepEqual((a.body as LibraryInfo).policy.renewal, { daysBeforeDue: 3, daysAfterDue: 2, maxRenewals: 2, extensionDays: 10 });
  assert.equal((a.body as LibraryInfo).kiosk, false);
  assert.equal((offlineLibraryAnswer({ kept, kiosk: true, acceptLanguage: null, offlineHeader: OFFLINE_HEADER }).body as LibraryInfo).kiosk, true);
  assert.equal(offlineLibraryAnswer({ kept: undefined, kiosk: false, acceptLanguage: null, offlineHeader: OFFLINE_HEADER }).status, 503);
});

/** The device's copies as sw/offline-copies.ts reads them in one transaction. */
function copies(over: Partial<DeviceCopies> = {}): DeviceCopies {
  return {
    lastPatronId: 'pA', kioskSession: false, library: libraryToStore(libraryInfo(), '2026-04-27T01:00:00.000Z')!,
    stored: stored('pA'), pendingLoanIds: new Set(['L1']), ...over,
  };
}

test('read at once, the copies give the last patron their snapshot, queued renewals marked, and the session its kept idle timeout', () => {
  const c = copies({ library: libraryToStore({ ...libraryInfo(), policy: { ...libraryInfo().policy, idleTimeoutSeconds: { normal: 1200, kiosk: 180 } } }, 'x')! });
  const account = offlineAccountAnswer({ ...base, ...copiesToServe(false, c) });
  assert.equal(account.status, 200);
  assert.equal((account.body as { loans: { pendingRenewal?: boolean }[] }).loans[0]!.pendingRenewal, true);
  const session = offlineSessionAnswer({ ...base, ...copiesToServe(false, c), idleTimeoutSeconds: keptIdleTimeoutSeconds(c) });
  assert.equal((session.body as { idleTimeoutSeconds: number }).idleTimeoutSeconds, 1200);
  assert.equal(keptIdleTimeoutSeconds(copies({ library: undefined })), null, 'no policy kept: no idle timeout to give');
});

test('in kiosk mode nothing personal of the copies is handed to an answer, whatever was read', () => {
  const served = copiesToServe(true, copies());
  assert.deepEqual({ ...served, pendingLoanIds: [...served.pendingLoanIds] }, { lastPatronId: null, stored: undefined, pendingLoanIds: [] });
  assert.equal(offlineSessionAnswer({ ...base, kiosk: true, ...served, idleTimeoutSeconds: 3600 }).status, 503);
});
