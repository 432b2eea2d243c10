/**
 * The server's mailer, built from the settings: SMTP_URL ([README](../../README.md)) and MAIL_FROM (the From
 * address; a placeholder of the library's when unset). Logs go to the app log.
 */
import type { LibraryClock } from '../clock.ts';
import type { Env, ServerConfig } from '../config.ts';
import type { Log } from '../log.ts';
import { createMailer, type Mailer } from './mailer.ts';

export const LIBRARY_NAME = '小金井市立図書館';
export const DEFAULT_MAIL_FROM = `${LIBRARY_NAME} <no-reply@library.koganei.invalid>`;

export function createAppMailer(config: Pick<ServerConfig, 'smtpUrl' | 'dataDir'>, env: Env, clock: Pick<LibraryClock, 'now'>, log: Log): Mailer {
  return createMailer({
    smtpUrl: config.smtpUrl,
    dataDir: config.dataDir,
    from: env['MAIL_FROM'] || DEFAULT_MAIL_FROM,
    now: () => clock.now(),
    log: (message, fields) => (message.includes('failed') ? log.warn(message, fields) : log.info(message, fields)),
  });
}
