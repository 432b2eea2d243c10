/**
 * The service worker's push decisions (sw/push-display.ts): what is shown for whom and in which
 * language, what a payload changes in the offline copies, and what the 延長する action's answer means.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AccountSnapshot, Loan } from '../../common/api.ts';
import type { Notice, PushPayload } from '../../common/notifications.ts';
import { notificationsEn } from '../../common/wording/notifications-en.ts';
import { notificationsJa } from '../../common/wording/notifications-ja.ts';
import { notificationsKids } from '../../client/locales/ja-kids/notifications.ts';
import { displayFor, displayForPush, mergeNotices, readPushPayload, renewActionOutcome, withPushedRows } from '../../sw/push-display.ts';
import type { StoredSnapshot } from '../../sw/offline-answers.ts';

const WORDINGS = { ja: notificationsJa, en: notificationsEn, 'ja-kids': notificationsKids };

function loan(id: string, dueOn: string): Loan {
  return {
    id, bibId: `b-${id}`, title: `本${id}`, category: 'general', barcode: `0${id}`, branch: 'central', loanedOn: '2026-04-06', dueOn, renewals: 0,
    renewable: true, renewBlockedBy: null, renewWindow: { from: '2026-04-23', to: '2026-05-07' }, overdue: false, interLibraryLoan: false,
  };
}

function notice(id: string, sentAt: string): Notice {
  return { id, event: 'due_soon', sentAt, url: '/account/loans#l1', title: 't', body: 'b', params: { event: 'due_soon', loans: [{ id: 'l1', title: '夢の守り人' }], dueOn: '2026-04-30', days: 3 } };
}

function payload(over: Partial<PushPayload> = {}): PushPayload {
  return {
    v: 1, patronId: 'p1', lang: 'ja', title: '返却期限日が近づいています（2026/04/30）', body: '「夢の守り人」の返却期限日は2026/04/30です（あと3日）。',
    url: '/account/loans#l1', tag: 'n1', notices: [notice('n1', '2026-04-27T00:00:00Z')], renewLoanId: 'l1', loans: [loan('l1', '2026-04-30')], holds: [], ...over,
  };
}

describe('reading a payload', () => {
  it('takes the server’s payload and refuses anything else', () => {
    assert.ok(readPushPayload(payload()));
    for (const bad of [null, 'text', { ...payload(), v: 2 }, { ...payload(), url: 'https://evil.example/' }, { ...payload(), url: '//evil.example/x' }, { ...payload(), lang: 'fr' }, { ...payload(), notices: null }]) {
      assert.equal(readPushPayload(bad), null, JSON.stringify(bad));
    }
  });
});

describe('what is shown', () => {
  it('the device’s patron: the payload’s words, its page, and 延長する', () => {
    const shown = displayFor(payload(), { kiosk: false, lastPatronId: 'p1' }, WORDINGS)!;
    assert.equal(shown.title, '返却期限日が近づいています（2026/04/30）');
    assert.deepEqual(shown.options.actions, [{ action: 'renew', title: '延長する' }]);
    assert.deepEqual([shown.options.data.url, shown.options.data.renewLoanId, shown.options.data.noticeId, shown.keep], ['/account/loans#l1', 'l1', 'n1', true]);
  });

  it('kids’ wording from the notices’ parameters', () => {
    const shown = displayFor(payload({ lang: 'ja-kids' }), { kiosk: false, lastPatronId: 'p1' }, WORDINGS)!;
    assert.equal(shown.title, 'かえす ひが ちかいよ（4がつ30にち）');
    assert.match(shown.options.body, /「夢の守り人」は 4がつ30にちまでに かえしてね/);
    assert.deepEqual(shown.options.actions, [{ action: 'renew', title: 'のばす' }]);
  });

  it('English actions for an English device', () => {
    const shown = displayFor(payload({ lang: 'en' }), { kiosk: false, lastPatronId: 'p1' }, WORDINGS)!;
    assert.deepEqual(shown.options.actions, [{ action: 'renew', title: 'Renew' }]);
    assert.equal(shown.options.lang, 'en');
  });

  it('nothing on a kiosk', () => {
    assert.equal(displayFor(payload(), { kiosk: true, lastPatronId: null }, WORDINGS), null);
  });

  it('another patron’s push shows nothing personal and keeps nothing', () => {
    const shown = displayFor(payload(), { kiosk: false, lastPatronId: 'p2' }, WORDINGS)!;
    assert.deepEqual([shown.title, shown.options.body, shown.options.actions, shown.keep], ['図書館からのお知らせ', 'ログインしてお知らせをご確認ください。', [], false]);
    assert.equal(JSON.stringify(shown).includes('夢の守り人'), false);
  });
});

describe('a push that cannot be read through still ends in a notification', () => {
  it('the device’s state could not be read (IndexedDB failed or hung): nothing personal, in the payload’s language, nothing kept', () => {
    const shown = displayForPush(payload({ lang: 'en' }), null, WORDINGS)!;
    assert.deepEqual([shown.title, shown.options.body, shown.options.lang, shown.options.actions, shown.keep], ['News from the library', 'Log in to read it.', 'en', [], false]);
    assert.equal(shown.options.data.url, '/notices');
    assert.equal(JSON.stringify(shown).includes('夢の守り人'), false);
  });

  it('a payload this SW does not understand: the Japanese notice to log in, on any device but a kiosk', () => {
    const shown = displayForPush(null, { kiosk: false, lastPatronId: 'p1' }, WORDINGS)!;
    assert.deepEqual([shown.title, shown.keep], ['図書館からのお知らせ', false]);
    assert.ok(displayForPush(null, null, WORDINGS), 'unreadable payload and device: still shown');
    assert.equal(displayForPush(null, { kiosk: true, lastPatronId: null }, WORDINGS), null, 'a kiosk shows nothing');
  });

  it('read through, it is what displayFor decides', () => {
    assert.deepEqual(displayForPush(payload(), { kiosk: false, lastPatronId: 'p1' }, WORDINGS), displayFor(payload(), { kiosk: false, lastPatronId: 'p1' }, WORDINGS));
    assert.equal(displayForPush(payload(), { kiosk: true, lastPatronId: null }, WORDINGS), null);
  });
});

describe('the offline copies', () => {
  it('the payload’s loans replace the same loans in the snapshot', () => {
    const stored: StoredSnapshot = {
      patronId: 'p1', capturedAt: '2026-04-26T00:00:00Z',
      snapshot: { loans: [loan('l1', '2026-04-30'), loan('l2', '2026-05-10')], holds: [] } as unknown as AccountSnapshot,
    };
    const renewed = { ...loan('l1', '2026-05-07'), renewals: 1, renewable: false };
    const after = withPushedRows(stored, { loans: [renewed], holds: [] });
    assert.deepEqual(after.snapshot.loans.map((l) => [l.id, l.dueOn]), [['l1', '2026-05-07'], ['l2', '2026-05-10']]);
  });

  it('notices merge by id, newest first', () => {
    const merged = mergeNotices([notice('a', '2026-04-25T00:00:00Z'), notice('b', '2026-04-26T00:00:00Z')], [notice('b', '2026-04-26T00:00:00Z'), notice('c', '2026-04-27T00:00:00Z')]);
    assert.deepEqual(merged.map((n) => n.id), ['c', 'b', 'a']);
  });
});

describe('the 延長する answer', () => {
  const answer = (status: number, body: unknown, json = true) => ({ kind: 'answer' as const, status, json, body });
  it('renewed, queued when the library was not reached or the session ended, refused otherwise', () => {
    assert.equal(renewActionOutcome(answer(200, { loan: loan('l1', '2026-05-07') })).kind, 'renewed');
    for (const a of [
      { kind: 'no-answer' as const, deviceOnline: false },
      { kind: 'timed-out' as const },
      answer(401, { error: { code: 'unauthenticated' } }),
      answer(502, null, false),
      answer(504, { x: 1 }),
      answer(200, null, false),
    ]) {
      assert.equal(renewActionOutcome(a).kind, 'queue', JSON.stringify(a));
    }
    assert.deepEqual(renewActionOutcome(answer(409, { error: { code: 'has_holds', message: '他の方の予約があるため延長できません。' } })), {
      kind: 'refused', code: 'has_holds', message: '他の方の予約があるため延長できません。',
    });
  });
});
