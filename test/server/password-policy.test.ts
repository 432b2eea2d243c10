import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkNewPassword, meetsPasswordPolicy } from '../../server/rules/password-policy.ts';

describe('password policy (半角英数字6文字以上, 英数混在)', () => {
  const refused: [string, string][] = [
    ['5 characters', 'abc12'],
    ['letters only', 'abcdefgh'],
    ['digits only', '12345678'],
    ['full-width letters and digits', 'ａｂｃ１２３'],
    ['a full-width letter among half-width', 'abc12ｄ'],
    ['a space', 'abc 123'],
    ['a symbol', 'abc12!'],
    ['kana', 'abc123あ'],
    ['empty', ''],
    ['65 characters', 'a1'.repeat(32) + 'b'],
  ];
  for (const [label, password] of refused) {
    it(`refuses ${label}`, () => assert.equal(meetsPasswordPolicy(password), false));
  }
  const accepted = ['abc123', 'A1b2C3', '1abcde', 'library1', 'a1'.repeat(32)];
  for (const password of accepted) {
    it(`accepts ${password}`, () => assert.equal(meetsPasswordPolicy(password), true));
  }
  it('reports the policy before a mismatch, a mismatch of valid passwords, and nothing when fine', () => {
    assert.equal(checkNewPassword('abc', 'abd'), 'password_policy');
    assert.equal(checkNewPassword('abc123', 'abc124'), 'password_mismatch');
    assert.equal(checkNewPassword('abc123', 'abc123'), null);
  });
});
