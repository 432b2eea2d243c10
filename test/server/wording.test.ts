/**
 * The one catalogue of words (common/wording/) and the refusals it words (common/refusals.ts):
 * complete for every ErrorCode of common/api.ts (read from the source, so a code added there
 * without words fails here as well as in the type check), and worded with the parameters given —
 * the library's own days, dates and limits, not the Koganei defaults.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorCode } from '../../common/api.ts';
import { readRefusal, type Refusal } from '../../common/refusals.ts';
import { en } from '../../common/wording/en.ts';
import { refusalMessage, wordingLanguage } from '../../common/wording/index.ts';
import { ja } from '../../common/wording/ja.ts';

/** The members of `export type ErrorCode = | 'a' | 'b' …` as written in common/api.ts. */
function errorCodesInSource(): string[] {
  const source = readFileSync(join(import.meta.dirname, '../../common/api.ts'), 'utf8');
  const union = /export type ErrorCode =([\s\S]*?);/.exec(source)?.[1] ?? '';
  const codes = [...union.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/\|\s*'([a-z_]+)'/g)].map((m) => m[1]!);
  assert.ok(codes.length > 30, `found only ${codes.length} codes: is the union still written as | 'code'?`);
  return codes;
}

/** A refusal of each code with its parameters (every code accepts these fields). */
const SAMPLE_FIELDS: Record<string, unknown> = { from: '2026-04-24', to: '2026-04-29', maxRenewals: 2, limit: 12, retryAfterSeconds: 90 };

test('ja and en word every ErrorCode, and nothing else', () => {
  const codes = errorCodesInSource();
  for (const [name, catalogue] of [['ja', ja], ['en', en]] as const) {
    assert.deepEqual(Object.keys(catalogue).sort(), [...codes].sort(), `${name}: codes without words, or words without a code`);
    for (const code of codes) {
      const refusal = readRefusal(code as ErrorCode, SAMPLE_FIELDS);
      assert.ok(refusal, `${code}: the sample fields make a refusal`);
      const text = refusalMessage(refusal, name);
      assert.ok(text.trim().length > 3, `${name} ${code}: "${text}"`);
    }
  }
});

test('the renewal window is worded with its dates (a 3-before / 2-after window, not ±7)', () => {
  const refusal: Refusal = { code: 'outside_window', from: '2026-04-24', to: '2026-04-29' };
  const words = refusalMessage(refusal, 'ja');
  assert.match(words, /2026\/04\/24から2026\/04\/29まで/);
  assert.doesNotMatch(words, /7日/);
  assert.match(refusalMessage(refusal, 'en'), /from 2026\/04\/24 to 2026\/04\/29/);
});

test('limits and counts come from the parameters', () => {
  assert.match(refusalMessage({ code: 'hold_limit', limit: 12 }, 'ja'), /12件まで/);
  assert.match(refusalMessage({ code: 'cd_hold_limit', limit: 3 }, 'en'), /\(3\)/);
  assert.match(refusalMessage({ code: 'renewal_limit', maxRenewals: 2 }, 'ja'), /2回まで/);
  assert.match(refusalMessage({ code: 'renewal_limit', maxRenewals: 1 }, 'en'), /at most 1 renewal\)/);
  assert.match(refusalMessage({ code: 'limit_reached', what: 'categories', limit: 20 }, 'en'), /up to 20 categories/);
  assert.match(refusalMessage({ code: 'invalid_input', reason: 'name_too_long', maxLength: 30 }, 'ja'), /30文字以内/);
  assert.match(refusalMessage({ code: 'too_many_attempts', retryAfterSeconds: 120 }, 'ja'), /2分後/);
  assert.match(refusalMessage({ code: 'too_many_attempts', retryAfterSeconds: 45 }, 'en'), /in 45 s\./);
});

test("the SW's offline answers have their own words, for the account and for a renewal, on a shared device or not", () => {
  const texts = new Set(
    (['account', 'renewal'] as const).flatMap((action) => [true, false].map((sharedDevice) => refusalMessage({ code: 'offline', action, sharedDevice }, 'ja'))),
  );
  assert.equal(texts.size, 4);
  assert.match(refusalMessage({ code: 'offline', action: 'renewal', sharedDevice: true }, 'ja'), /共用端末では送信待ちにできません/);
});

test('readRefusal: parameters are checked, the message and field name are not kept', () => {
  assert.equal(readRefusal('outside_window', { from: '2026-04-24' }), null, 'a missing date');
  assert.equal(readRefusal('hold_limit', { limit: '10' }), null, 'a count that is not a number');
  assert.equal(readRefusal('limit_reached', { limit: 20, what: 'everything' }), null);
  assert.deepEqual(readRefusal('has_holds', { message: '…' }), { code: 'has_holds' });
  assert.deepEqual(readRefusal('invalid_input', { field: 'name', reason: 'name_taken', message: '…' }), { code: 'invalid_input', reason: 'name_taken' });
  assert.equal(readRefusal('invalid_input', { reason: 'name_too_long' }), null, 'name_too_long needs its maximum');
});

test('Accept-Language: English when the first language is English, else Japanese', () => {
  assert.equal(wordingLanguage('en-GB,en;q=0.8'), 'en');
  assert.equal(wordingLanguage('ja,en;q=0.5'), 'ja');
  assert.equal(wordingLanguage(null), 'ja');
});
