/** GET /api/library: branches, weekly hours and today's 開館 / 休館 on the library clock ([docs/rules.md#opening-days](../../docs/rules.md#opening-days)). */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LibraryInfo } from '../../common/api.ts';
import { KOGANEI_POLICY } from '../../server/policy/defaults.ts';
import { startTestApp, type TestApp } from './helpers.ts';

describe('library information route', () => {
  let t: TestApp;

  before(async () => {
    // 2020-04-27 10:00 in Tokyo: a Monday.
    t = await startTestApp({ now: '2020-04-27T01:00:00Z' });
  });
  after(() => t.close());

  const info = async () => {
    const res = await t.fetch('/api/library');
    assert.equal(res.status, 200);
    return (await res.json()) as LibraryInfo;
  };
  const branch = (i: LibraryInfo, code: string) => i.branches.find((b) => b.code === code)!;

  it('lists the five branches by their short names, without a login', async () => {
    const i = await info();
    assert.deepEqual(
      i.branches.map((b) => [b.code, b.name]),
      [['central', '本館'], ['higashi', '東分館'], ['nukuikita', '貫井北分館'], ['midori', '緑分室'], ['nishinodai', '西之台']],
    );
  });

  it('shows every branch closed on a Monday', async () => {
    const i = await info();
    assert.equal(i.today, '2020-04-27');
    for (const b of i.branches) assert.deepEqual([b.code, b.openToday, b.hoursToday], [b.code, false, null]);
  });

  it("uses the library's date, not UTC: 00:30 on Tuesday in Tokyo is Tuesday, and the branches open", async () => {
    await t.setClock('2020-04-27T15:30:00Z');
    const i = await info();
    assert.equal(i.today, '2020-04-28');
    assert.deepEqual([branch(i, 'central').openToday, branch(i, 'central').hoursToday], [true, '10:00~17:00']);
    assert.deepEqual([branch(i, 'nishinodai').openToday, branch(i, 'nishinodai').hoursToday], [true, '9:00~17:00']);
    assert.ok(branch(i, 'central').hours.some((h) => h.hours === '休館' && h.days.includes('月')));
  });

  it('closes every branch over New Year (年末年始休館)', async () => {
    await t.setClock('2020-12-30T03:00:00Z');
    const i = await info();
    for (const b of i.branches) assert.deepEqual([b.openToday, b.closedFor], [false, '年末年始休館']);
  });
});

describe('library information from a LIBRARY_CONFIG', () => {
  it("follows the config's weekly hours and closed dates (本館 until 20:00 on Wednesday to Friday, 1階のみ)", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shiori-library-config-'));
    const week = (weekday: string, late: string) => [weekday, null, weekday, late, late, late, weekday];
    const branch = (code: string, name: string, shortName: string, weeklyHours: (string | null)[], closedDates: string[] = [], hoursNotes?: Record<string, string>) => ({
      code, name, shortName, weeklyHours, hours: [], closedDates, ...(hoursNotes ? { hoursNotes } : {}),
    });
    const configPath = join(dir, 'library.json');
    await writeFile(configPath, JSON.stringify({
      branches: [
        branch('central', '本館', '本館', week('10:00~17:00', '10:00~20:00'), ['2020-04-29'], { '10:00~20:00': '17:00以降は1階のみ' }),
        branch('nishinodai', '西之台会館図書室', '西之台', week('9:00~17:00', '9:00~17:00')),
      ],
    }));
    // 2020-04-24 is a Friday.
    const t = await startTestApp({ now: '2020-04-24T01:00:00Z', env: { LIBRARY_CONFIG: configPath } });
    try {
      const friday = (await (await t.fetch('/api/library')).json()) as LibraryInfo;
      const central = friday.branches.find((b) => b.code === 'central')!;
      assert.deepEqual([central.openToday, central.hoursToday], [true, '10:00~20:00']);
      assert.deepEqual(central.hours, [
        { days: '火・土・日', hours: '10:00~17:00' },
        { days: '水〜金', hours: '10:00~20:00', note: '17:00以降は1階のみ' },
        { days: '月', hours: '休館' },
      ]);
      await t.setClock('2020-04-29T01:00:00Z');
      const closedDay = (await (await t.fetch('/api/library')).json()) as LibraryInfo;
      assert.deepEqual(
        closedDay.branches.map((b) => [b.code, b.openToday, b.closedFor]),
        [['central', false, '臨時休館'], ['nishinodai', true, null]],
      );
    } finally {
      await t.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the published policy (GET /api/library `policy`)', () => {
  it('publishes the Koganei defaults, with the English and kids names of each branch', async () => {
    const t = await startTestApp({ now: '2020-04-27T01:00:00Z' });
    try {
      const { policy } = (await (await t.fetch('/api/library')).json()) as LibraryInfo;
      assert.equal(policy.timeZone, 'Asia/Tokyo');
      assert.deepEqual(policy.renewal, { daysBeforeDue: 7, daysAfterDue: 7, maxRenewals: 1, extensionDays: 7 });
      assert.deepEqual(policy.loanPeriodDays, { general: 21, cd: 14 });
      assert.deepEqual(policy.loanLimits, { total: 9999, cd: 5 });
      assert.deepEqual(policy.holdLimits, { total: 10, cd: 5 });
      assert.equal(policy.pickupPeriodDays, 7);
      assert.equal(policy.cancelledHoldsShownMonths, 1);
      assert.deepEqual(policy.idleTimeoutSeconds, { normal: 3600, kiosk: 180 });
      assert.deepEqual(policy.notifications, { defaultDaysBefore: 3, maxDaysBefore: 7, noticesKeptDays: 30 });
      assert.deepEqual(
        policy.branches.map((b) => [b.code, b.shortName, b.en?.shortName, b.kids?.shortName]),
        [
          ['central', '本館', 'Central Library', 'ほんかん'],
          ['higashi', '東分館', 'Higashi Branch', 'ひがしぶんかん'],
          ['nukuikita', '貫井北分館', 'Nukui-kita Branch', 'ぬくいきたぶんかん'],
          ['midori', '緑分室', 'Midori Branch Room', 'みどりぶんしつ'],
          ['nishinodai', '西之台', 'Nishinodai', 'にしのだい'],
        ],
      );
      assert.equal(policy.branches[4]!.name, '西之台会館図書室');
      // The weekly hours are the ones the branch list shows: one summary, published once.
      const info = (await (await t.fetch('/api/library')).json()) as LibraryInfo;
      for (const b of info.branches) assert.deepEqual(policy.branches.find((p) => p.code === b.code)!.hours, b.hours);
    } finally {
      await t.close();
    }
  });

  it("follows a LIBRARY_CONFIG: other renewal rules, timeouts and a sixth branch with no translations", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shiori-policy-publish-'));
    const configPath = join(dir, 'library.json');
    await writeFile(configPath, JSON.stringify({
      renewal: { daysBeforeDue: 3, daysAfterDue: 2, maxRenewals: 2, extensionDays: 10 },
      idleTimeoutMinutes: 30,
      kioskIdleTimeoutMinutes: 2,
      timeZone: 'Asia/Tokyo',
      branches: [
        ...KOGANEI_POLICY.branches,
        { code: 'testbr', name: 'テスト分館', shortName: 'テスト分館', weeklyHours: ['9:00~17:00', null, '9:00~17:00', '9:00~17:00', '9:00~17:00', '9:00~17:00', '9:00~17:00'], hours: [], closedDates: [] },
      ],
    }));
    const t = await startTestApp({ now: '2020-04-27T01:00:00Z', env: { LIBRARY_CONFIG: configPath } });
    try {
      const { policy, branches } = (await (await t.fetch('/api/library')).json()) as LibraryInfo;
      assert.deepEqual(policy.renewal, { daysBeforeDue: 3, daysAfterDue: 2, maxRenewals: 2, extensionDays: 10 });
      assert.deepEqual(policy.idleTimeoutSeconds, { normal: 1800, kiosk: 120 });
      const testbr = policy.branches.at(-1)!;
      assert.deepEqual([testbr.code, testbr.name, testbr.shortName, testbr.en, testbr.kids], ['testbr', 'テスト分館', 'テスト分館', undefined, undefined]);
      assert.deepEqual(testbr.hours, [{ days: '火〜日', hours: '9:00~17:00' }, { days: '月', hours: '休館' }]);
      assert.equal(branches.at(-1)!.code, 'testbr');
    } finally {
      await t.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
