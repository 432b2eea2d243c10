import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { confirmationMail, decideEmailChange, isSameAddress, isValidEmail } from '../../server/rules/email.ts';

const noHolds = { holds: [], defaults: { contactMethod: 'phone' } };

describe('e-mail address check', () => {
  for (const good of ['taro@example.com', 'taro.yamada+lib@mail.example.co.jp', "o'neil@example.org", 'a@b.jp']) {
    it(`accepts ${good}`, () => assert.equal(isValidEmail(good), true));
  }
  const bad: [string, string][] = [
    ['no @', 'taro.example.com'],
    ['two @', 'taro@@example.com'],
    ['no domain dot', 'taro@localhost'],
    ['empty local part', '@example.com'],
    ['leading dot', '.taro@example.com'],
    ['double dot', 'ta..ro@example.com'],
    ['a space', 'ta ro@example.com'],
    ['full-width @', 'taro＠example.com'],
    ['numeric TLD', 'taro@example.123'],
    ['hyphen at label edge', 'taro@-example.com'],
    ['255 characters', `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(59)}.jp`],
    ['local part over 64', `${'a'.repeat(65)}@example.com`],
  ];
  for (const [label, address] of bad) {
    it(`refuses ${label}`, () => assert.equal(isValidEmail(address), false));
  }
  it('accepts exactly 254 characters', () => {
    const address = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.jp`;
    assert.equal(address.length, 254);
    assert.equal(isValidEmail(address), true);
  });
});

describe('register / change / delete decision', () => {
  it('sets a matching valid address, ignoring surrounding blanks', () => {
    assert.deepEqual(decideEmailChange({ email: ' taro@example.com', emailConfirm: 'taro@example.com ' }, noHolds), {
      kind: 'set',
      email: 'taro@example.com',
    });
  });
  it('refuses different fields with email_mismatch, an invalid address with invalid_email', () => {
    assert.equal(decideEmailChange({ email: 'a@example.com', emailConfirm: 'b@example.com' }, noHolds).kind, 'refused');
    assert.deepEqual(decideEmailChange({ email: 'a@example.com', emailConfirm: '' }, noHolds), { kind: 'refused', code: 'email_mismatch' });
    assert.deepEqual(decideEmailChange({ email: 'nope', emailConfirm: 'nope' }, noHolds), { kind: 'refused', code: 'invalid_email' });
  });
  it('deletes when both are empty and nothing relies on the address', () => {
    assert.deepEqual(decideEmailChange({ email: '', emailConfirm: '' }, noHolds), { kind: 'delete' });
    const readyOnly = { holds: [{ status: 'ready' as const, contactMethod: 'email' as const }], defaults: { contactMethod: 'none' } };
    assert.deepEqual(decideEmailChange({ email: '', emailConfirm: '' }, readyOnly), { kind: 'delete' });
  });
  it('refuses deletion while a waiting or in-transit hold or the default uses メール', () => {
    for (const status of ['waiting', 'in_transit'] as const) {
      const state = { holds: [{ status, contactMethod: 'email' as const }], defaults: { contactMethod: 'phone' } };
      assert.deepEqual(decideEmailChange({ email: '', emailConfirm: '' }, state), { kind: 'refused', code: 'email_in_use', reason: 'holds' });
    }
    assert.deepEqual(decideEmailChange({ email: '', emailConfirm: '' }, { holds: [], defaults: { contactMethod: 'email' } }), {
      kind: 'refused',
      code: 'email_in_use',
      reason: 'defaults',
    });
  });
});

describe('confirmation mail decision', () => {
  it('a change is a new address; the same one again, or with its domain in capitals, is not', () => {
    assert.equal(isSameAddress(null, 'taro@example.com'), false);
    assert.equal(isSameAddress('taro@example.com', 'taro@example.com'), true);
    assert.equal(isSameAddress('taro@example.com', 'taro@Example.COM'), true);
    assert.equal(isSameAddress('taro@example.com', 'Taro@example.com'), false, 'a local part is case-sensitive');
    assert.equal(isSameAddress('taro@example.com', 'taro@example.jp'), false);
  });

  it('counts per library day up to the limit, afresh the next day', () => {
    assert.deepEqual(confirmationMail(undefined, '2020-04-27', 5), { send: true, count: { on: '2020-04-27', sent: 1 } });
    assert.deepEqual(confirmationMail({ on: '2020-04-27', sent: 4 }, '2020-04-27', 5), { send: true, count: { on: '2020-04-27', sent: 5 } });
    assert.deepEqual(confirmationMail({ on: '2020-04-27', sent: 5 }, '2020-04-27', 5), { send: false, reason: 'daily_limit' });
    assert.deepEqual(confirmationMail({ on: '2020-04-27', sent: 5 }, '2020-04-28', 5), { send: true, count: { on: '2020-04-28', sent: 1 } });
    assert.deepEqual(confirmationMail(undefined, '2020-04-27', 0), { send: false, reason: 'daily_limit' });
  });
});
