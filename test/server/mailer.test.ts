import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createMailer, OUTBOX_DIR, type OutboxMessage } from '../../server/mail/mailer.ts';
import { startSmtpServer } from './smtp-server.ts';

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

describe('mailer with SMTP_URL', () => {
  it('sends through SMTP to the address, with the subject, and writes no outbox', async () => {
    const smtp = await startSmtpServer();
    const dataDir = await mkdtemp(join(tmpdir(), 'shiori-smtp-'));
    try {
      const mailer = createMailer({
        smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
        dataDir,
        from: 'library@example.jp',
        now: () => new Date('2020-04-27T01:00:00.000Z'),
        log: () => undefined,
      });
      const receipt = await mailer.send({ to: 'taro@example.com', subject: 'メールアドレス登録', text: '登録されました。' });
      assert.deepEqual([receipt.delivered, receipt.via], [true, 'smtp']);
      assert.equal(smtp.received.length, 1);
      assert.match(smtp.received[0]!.to.join(), /taro@example\.com/);
      assert.match(smtp.received[0]!.from, /library@example\.jp/);
      assert.match(smtp.received[0]!.data, /^Subject: =\?UTF-8\?/m, 'a Japanese subject, MIME-encoded');
      assert.deepEqual(await readdir(dataDir), [], 'no outbox');
    } finally {
      await smtp.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('reports an unreachable server in the receipt instead of throwing', async () => {
    const smtp = await startSmtpServer();
    const port = smtp.port;
    await smtp.close();
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, dataDir: tmpdir(), from: 'x@example.jp', now: () => new Date(), log: () => undefined });
    const receipt = await mailer.send({ to: 'a@example.com', subject: 's', text: 't' });
    assert.deepEqual([receipt.delivered, receipt.via], [false, 'smtp']);
  });
});
