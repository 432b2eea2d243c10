import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createMailer, OUTBOX_DIR, type OutboxMessage } from '../../server/mail/mailer.ts';

describe('mailer without SMTP_URL: the outbox', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'shiori-mail-'));
  after(() => rm(dataDir, { recursive: true, force: true }));
  const logged: string[] = [];
  const mailer = createMailer({
    dataDir,
    from: 'library@example.jp',
    now: () => new Date('2020-04-27T01:00:00.000Z'),
    log: (message, fields) => logged.push(`${message} ${JSON.stringify(fields)}`),
  });

  it('writes one complete JSON file per message, named by time, and logs it', async () => {
    const receipt = await mailer.send({ to: 'taro@example.com', subject: '件名', text: '本文' });
    assert.equal(receipt.delivered, true);
    const files = await readdir(join(dataDir, OUTBOX_DIR));
    assert.equal(files.length, 1);
    assert.match(files[0]!, /^20200427T010000000Z-[0-9a-f]{12}\.json$/);
    const stored = JSON.parse(await readFile(join(dataDir, OUTBOX_DIR, files[0]!), 'utf8')) as OutboxMessage;
    assert.equal(stored.to, 'taro@example.com');
    assert.equal(stored.subject, '件名');
    assert.equal(stored.text, '本文');
    assert.equal(stored.from, 'library@example.jp');
    assert.equal(stored.date, '2020-04-27T01:00:00.000Z');
    assert.ok(logged.some((line) => line.includes('taro@example.com')));
  });

  it('reports a failure instead of throwing when the outbox cannot be written', async () => {
    const blocked = join(dataDir, 'not-a-dir');
    await writeFile(blocked, 'x');
    const broken = createMailer({ dataDir: blocked, from: 'x@example.jp', now: () => new Date(), log: () => undefined });
    const receipt = await broken.send({ to: 'a@example.com', subject: 's', text: 't' });
    assert.equal(receipt.delivered, false);
  });
});
