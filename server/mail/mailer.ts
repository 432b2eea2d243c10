/**
 * Outgoing mail. With SMTP_URL the message goes out through nodemailer's SMTP transport; without it
 * (development, demo, tests) it is written to an outbox folder under DATA_DIR and logged, so a
 * developer can read what a patron would have received.
 *
 * `send` never rejects: a mail is a courtesy that follows a committed change, so a mail problem
 * is logged and reported in the receipt, and never turns an acknowledged request into an error.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export type MailReceipt =
  | { delivered: true; via: 'smtp'; id: string }
  | { delivered: true; via: 'outbox'; id: string; path: string }
  | { delivered: false; via: 'smtp' | 'outbox'; id: string; error: string };

export interface Mailer {
  send(message: MailMessage): Promise<MailReceipt>;
}

export type MailLog = (message: string, fields: Record<string, unknown>) => void;

export interface MailerOptions {
  /** smtp(s)://user:pass@host:port — when absent, mail goes to the outbox. */
  smtpUrl?: string | undefined;
  /** The outbox is `<dataDir>/outbox`. */
  dataDir: string;
  /** The From header. */
  from: string;
  /** The library clock (names outbox files and dates the message). */
  now: () => Date;
  log: MailLog;
}

export const OUTBOX_DIR = 'outbox';

/** What an outbox file holds (one JSON object per message). */
export interface OutboxMessage extends MailMessage {
  id: string;
  from: string;
  date: string;
}

function newMailId(): string {
  return randomBytes(6).toString('hex');
}

/** `2020-04-27T10:00:00.000Z` → `20200427T100000000Z`: sortable and safe in file names. */
function fileStamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

/** Writes `data` to `path` so that a reader never sees a partial file: temp file, fsync, rename. */
async function writeFileAtomically(path: string, data: string): Promise<void> {
  const temp = `${path}.${newMailId()}.tmp`;
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createOutboxMailer(opts: Omit<MailerOptions, 'smtpUrl'>): Mailer {
  const dir = join(opts.dataDir, OUTBOX_DIR);
  return {
    async send(message) {
      const id = newMailId();
      const date = opts.now();
      const path = join(dir, `${fileStamp(date)}-${id}.json`);
      const stored: OutboxMessage = { id, from: opts.from, date: date.toISOString(), ...message };
      try {
        await mkdir(dir, { recursive: true });
        await writeFileAtomically(path, `${JSON.stringify(stored, null, 2)}\n`);
      } catch (error) {
        opts.log('mail: outbox write failed', { id, to: message.to, error: describe(error) });
        return { delivered: false, via: 'outbox', id, error: describe(error) };
      }
      opts.log('mail: written to outbox', { id, to: message.to, subject: message.subject, path });
      return { delivered: true, via: 'outbox', id, path };
    },
  };
}

export function createSmtpMailer(opts: MailerOptions & { smtpUrl: string }): Mailer {
  // Bounded waits: a slow mail server must not hold a patron's request for long.
  const transport = nodemailer.createTransport(opts.smtpUrl, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 15_000,
  } as never);
  return {
    async send(message) {
      const id = newMailId();
      try {
        await transport.sendMail({ from: opts.from, to: message.to, subject: message.subject, text: message.text, date: opts.now() });
      } catch (error) {
        opts.log('mail: SMTP send failed', { id, to: message.to, error: describe(error) });
        return { delivered: false, via: 'smtp', id, error: describe(error) };
      }
      opts.log('mail: sent', { id, to: message.to, subject: message.subject });
      return { delivered: true, via: 'smtp', id };
    },
  };
}

/** SMTP when `smtpUrl` is set, else the outbox. */
export function createMailer(opts: MailerOptions): Mailer {
  return opts.smtpUrl ? createSmtpMailer({ ...opts, smtpUrl: opts.smtpUrl }) : createOutboxMailer(opts);
}
