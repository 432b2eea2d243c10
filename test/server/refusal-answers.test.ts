/**
 * How a refusal reaches the patron ([docs/api.md#errors](../../docs/api.md#errors)): operations
 * refuse without HTTP, the error hook gives the code's status and words it from the one shared
 * catalogue (common/wording/) with the refusal's parameters — the library's own limits — in the
 * request's language. And the line between the two: no operation module reaches for HTTP.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ErrorCode } from '../../common/api.ts';
import { readRefusal } from '../../common/refusals.ts';
import { refusalMessage } from '../../common/wording/index.ts';
import { REFUSAL_STATUS } from '../../server/http/refusal-status.ts';
import { errorOf, startTestApp, STAFF_TOKEN, type TestApp, type PatronClient } from './helpers.ts';

const apps: TestApp[] = [];
after(() => Promise.all(apps.map((a) => a.close())));

/** The answer's status is its code's, and its message the catalogue's words for its code and parameters. */
async function assertWorded(res: Response, code: ErrorCode, lang: 'ja' | 'en', status = REFUSAL_STATUS[code]): Promise<Record<string, unknown>> {
  const { status: got, body } = await errorOf(res);
  const error = body.error as Record<string, unknown> & { code: ErrorCode; message: string };
  assert.deepEqual([got, error.code], [status, code]);
  const refusal = readRefusal(code, error);
  assert.ok(refusal, `${code}: the answer carries the parameters its words need: ${JSON.stringify(error)}`);
  assert.equal(error.message, refusalMessage(refusal, lang));
  return error;
}

const place = (p: PatronClient, bibId: string, lang: 'ja' | 'en') =>
  p.fetch('/api/holds', { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': lang }, body: JSON.stringify({ bibId }) });

test("hold limits are the library's (LIBRARY_CONFIG 2 holds, 1 CD): refused with the limit, worded with it in ja and en", async () => {
  const t = await startTestApp({ policy: { holdLimits: { total: 2, cd: 1 } } });
  apps.push(t);
  await t.addPatron({ cardNumber: '2000000326', password: 'library1' });
  const p = await t.login('2000000326', 'library1');
  const cds = [await t.addTitle({ title: 'うた 1', materialType: 'cd', category: 'cd' }), await t.addTitle({ title: 'うた 2', materialType: 'cd', category: 'cd' })];
  const books = [await t.addTitle({ title: '本 1' }), await t.addTitle({ title: '本 2' })];
  assert.equal((await place(p, cds[0]!.bibId, 'ja')).status, 201);
  const cd = await assertWorded(await place(p, cds[1]!.bibId, 'ja'), 'cd_hold_limit', 'ja');
  assert.equal(cd['limit'], 1);
  assert.match(cd['message'] as string, /1件まで/);
  assert.equal((await place(p, books[0]!.bibId, 'en')).status, 201);
  const total = await assertWorded(await place(p, books[1]!.bibId, 'en'), 'hold_limit', 'en');
  assert.equal(total['limit'], 2);
  assert.match(total['message'] as string, /\(2\)/);
});

test('refusals of operations and of the edge alike: status from the one table, words from the catalogue', async () => {
  const t = await startTestApp();
  apps.push(t);
  await t.addPatron({ cardNumber: '2000000326', password: 'library1' });
  const p = await t.login('2000000326', 'library1');
  const json = (lang: string) => ({ 'content-type': 'application/json', 'accept-language': lang });
  for (const lang of ['ja', 'en'] as const) {
    // An operation's refusal inside a transaction (holds/patron-holds.ts).
    await assertWorded(await place(p, 'B9999999', lang), 'not_found', lang);
    // A route's check of the request, with its reason.
    const branch = await assertWorded(
      await p.fetch('/api/preferences', { method: 'PUT', headers: json(lang), body: JSON.stringify({ pickupBranch: 'nowhere', contactMethod: 'phone' }) }),
      'invalid_input',
      lang,
    );
    assert.deepEqual([branch['reason'], branch['field']], ['unknown_branch', 'pickupBranch']);
    // A want-to-read title that does not exist: the title's own words.
    const title = await assertWorded(await p.fetch('/api/wishlist/entries', { method: 'POST', headers: json(lang), body: JSON.stringify({ bibIds: ['B9999999'] }) }), 'not_found', lang);
    assert.equal(title['what'], 'title');
    // The guard and the body reader (HTTP-edge code).
    await assertWorded(await t.fetch('/api/account', { headers: { 'accept-language': lang } }), 'unauthenticated', lang);
    await assertWorded(await p.fetch('/api/preferences', { method: 'PUT', headers: { 'content-type': 'text/plain', 'accept-language': lang }, body: 'x' }), 'unsupported_media_type', lang);
  }
});

test('the one code with two statuses: a staff request asking for メール without an address is 400, a stored patron without one is 409', async () => {
  const t = await startTestApp();
  apps.push(t);
  const res = await t.fetch('/api/staff/patrons', {
    method: 'POST',
    headers: { authorization: `Bearer ${STAFF_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ cardNumber: '2000000999', birthDate: '1990-01-01', cardExpiresOn: '2030-03-31', contactMethod: 'email' }),
  });
  await assertWorded(res, 'email_not_registered', 'ja', 400);
  await t.addPatron({ cardNumber: '2000000326', password: 'library1' });
  const p = await t.login('2000000326', 'library1');
  const refused = await p.fetch('/api/preferences', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pickupBranch: 'central', contactMethod: 'email' }) });
  await assertWorded(refused, 'email_not_registered', 'ja', 409);
});

/** Modules that are the HTTP layer, or edge code that may speak it (docs/api.md#errors). */
const HTTP_EDGE = [/^server\/routes\//, /^server\/http\//, /^server\/app\.ts$/, /^server\/auth\/require-(patron|staff)\.ts$/, /^server\/notifications\/require-notifiable\.ts$/];

function serverModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? serverModules(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

test('operations never speak HTTP: outside routes/, http/ and the guards no module imports http/errors.ts or throws h3 errors', () => {
  const root = join(import.meta.dirname, '../..');
  const offenders = serverModules(join(root, 'server'))
    .map((file) => ({ file: relative(root, file), source: readFileSync(file, 'utf8') }))
    .filter(({ file }) => !HTTP_EDGE.some((edge) => edge.test(file)))
    .filter(({ source }) => /from '[./]*\/?http\/errors\.ts'|\bHTTPError\b|\bcreateError\b/.test(source))
    .map(({ file }) => file);
  assert.deepEqual(offenders, []);
});
