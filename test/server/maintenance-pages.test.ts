/**
 * The maintenance pass walks the patrons page by page (run-maintenance.ts): a hold due on a patron
 * past the first pages is found as surely as one on the first, and only the patrons with something
 * due are written.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from './helpers.ts';
import { keys, type PatronRecord, type TitleRecord } from '../../server/domain/records.ts';
import { newPatronRecord, newTitleRecord } from '../../server/staff/new-records.ts';
import { enqueue, newHold } from '../../server/rules/holds.ts';
import { PAGE_SIZE, runMaintenance } from '../../server/maintenance/run-maintenance.ts';

const apps: TestApp[] = [];
after(() => Promise.all(apps.map((a) => a.close())));

test('a hold past its 予約待ち期限日 on a patron beyond the first pages is cancelled; nobody else is written', async () => {
  const t = await startTestApp({ now: '2026-04-27T01:00:00Z' });
  apps.push(t);
  const patrons = PAGE_SIZE * 2 + 37;
  const late = PAGE_SIZE * 2 + 20;
  const title = newTitleRecord({ title: '待ちくたびれた本', materialType: 'book', category: 'general', copies: [{ barcode: 'MP1', branch: 'central' }] }, 'BMP1');
  await t.ctx.store.transaction(async (tx) => {
    let queued: TitleRecord = title;
    for (let i = 0; i < patrons; i++) {
      const id = `pPage${String(i).padStart(4, '0')}`;
      let patron: PatronRecord = newPatronRecord({ cardNumber: `61${String(i).padStart(8, '0')}`, birthDate: '1990-01-01', cardExpiresOn: '2030-03-31' }, id, null, 'central');
      if (i === late) {
        const hold = newHold({ id: 'hLate', bibId: title.bibId, now: '2026-04-01T01:00:00.000Z', today: '2026-04-01', pickupBranch: 'central', contactMethod: 'phone', notNeededAfter: '2026-04-20' });
        patron = { ...patron, holds: [hold] };
        queued = { ...queued, queue: enqueue(queued.queue, { holdId: hold.id, patronId: id, placedAt: hold.placedAt }) };
        tx.set(keys.holdOwner(hold.id), id);
      }
      tx.set(keys.patron(id), patron);
    }
    tx.set(keys.title(title.bibId), queued);
  });
  const commits = t.ctx.store.commits;
  const counts = await runMaintenance(t.ctx);
  assert.equal(counts.waitExpired, 1);
  assert.equal(t.ctx.store.commits, commits + 1, 'one commit: the one patron with something due');
  const patron = (await t.ctx.store.get<PatronRecord>(keys.patron(`pPage${String(late).padStart(4, '0')}`)))!;
  assert.deepEqual([patron.holds.length, patron.cancelledHolds[0]?.reason], [0, 'wait_expired']);
  assert.deepEqual((await t.ctx.store.get<TitleRecord>(keys.title('BMP1')))!.queue, []);
  assert.equal(await t.ctx.store.get(keys.holdOwner('hLate')), null, 'the desk index entry went with the hold');
  assert.equal((await runMaintenance(t.ctx)).waitExpired, 0, 'a second pass finds nothing');
});
