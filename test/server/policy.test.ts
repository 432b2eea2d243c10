/** The library's config file (LIBRARY_CONFIG): defaults, overrides, and errors naming the field. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicy, PolicyError } from '../../server/policy/load-policy.ts';

const dir = await mkdtemp(join(tmpdir(), 'shiori-policy-'));
after(() => rm(dir, { recursive: true, force: true }));
let n = 0;
async function configFile(content: unknown): Promise<string> {
  const p = join(dir, `c${++n}.json`);
  await writeFile(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

test('without LIBRARY_CONFIG the Koganei defaults apply', () => {
  const p = loadPolicy(undefined);
  assert.deepEqual(
    p.branches.map((b) => [b.code, b.shortName]),
    [['central', '本館'], ['higashi', '東分館'], ['nukuikita', '貫井北分館'], ['midori', '緑分室'], ['nishinodai', '西之台']],
  );
  assert.equal(p.loanPeriodDays, 21);
  assert.equal(p.cdLoanPeriodDays, 14);
  assert.deepEqual(p.renewal, { daysBeforeDue: 7, daysAfterDue: 7, maxRenewals: 1, extensionDays: 7 });
  assert.deepEqual(p.holdLimits, { total: 10, cd: 5 });
  assert.equal(p.idleTimeoutMinutes, 60);
  assert.equal(p.kioskIdleTimeoutMinutes, 3);
  assert.equal(p.timeZone, 'Asia/Tokyo');
});

test('a config file overrides only the fields it names', async () => {
  const p = loadPolicy(await configFile({ loanPeriodDays: 14, holdLimits: { cd: 2 } }));
  assert.equal(p.loanPeriodDays, 14);
  assert.deepEqual(p.holdLimits, { total: 10, cd: 2 });
});

test('a wrong type is refused with the field named', async () => {
  const path = await configFile({ renewal: { daysBeforeDue: 'seven' } });
  assert.throws(() => loadPolicy(path), (e: Error) => e instanceof PolicyError && /renewal\.daysBeforeDue/.test(e.message));
});

test('an unknown field is refused with the field named', async () => {
  const path = await configFile({ loanPeriod: 21 });
  assert.throws(() => loadPolicy(path), /loanPeriod\b/);
});

test('a bad branch entry names its index and field', async () => {
  const path = await configFile({ branches: [{ code: 'central', name: '本館', shortName: '本館', weeklyHours: [], hours: [], closedDates: [] }] });
  assert.throws(() => loadPolicy(path), /branches\.0\.weeklyHours/);
});

test('an unknown time zone is refused', async () => {
  const path = await configFile({ timeZone: 'Mars/Olympus' });
  assert.throws(() => loadPolicy(path), /timeZone/);
});

test('a file that is not JSON is refused with the path', async () => {
  const path = await configFile('{ not json');
  assert.throws(() => loadPolicy(path), (e: Error) => e.message.includes(path) && /not valid JSON/.test(e.message));
});


test('sessions and login throttling: defaults, and a session lifetime or address wait below 1 is refused', async () => {
  const p = loadPolicy(undefined);
  assert.equal(p.sessionLifetimeHours, 12);
  assert.deepEqual(p.loginThrottle, {
    maxFailuresPerCard: 5,
    maxFailuresPerAddress: 20,
    windowMinutes: 15,
    lockMinutes: 15,
    addressDelayMaxSeconds: 30,
    knownDeviceDays: 180,
  });
  const lifetime = await configFile({ sessionLifetimeHours: 0 });
  assert.throws(() => loadPolicy(lifetime), /sessionLifetimeHours/);
  const wait = await configFile({ loginThrottle: { addressDelayMaxSeconds: 0.5 } });
  assert.throws(() => loadPolicy(wait), /loginThrottle\.addressDelayMaxSeconds/);
});

test("a branch's English or kids names are optional, and checked when given", async () => {
  const base = loadPolicy(undefined).branches[0]!;
  const { en: _en, kids: _kids, ...plain } = base;
  const ok = loadPolicy(await configFile({ branches: [{ ...plain, code: 'testbr' }] }));
  assert.equal(ok.branches[0]!.en, undefined);
  const path = await configFile({ branches: [{ ...plain, en: { name: 'Test Branch' } }] });
  assert.throws(() => loadPolicy(path), /branches\.0\.en\.shortName/);
});
