/** Environment settings (SPEC §10, §16), read once at start; a bad value stops the start with its name. */
import { parseTrustedProxies, type TrustedProxies } from './http/client-address.ts';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Path of the library's policy JSON; undefined = Koganei defaults. */
  libraryConfigPath: string | undefined;
  /** Start instant of a test/demo clock; undefined = real time (and the clock cannot be moved). */
  libraryNow: string | undefined;
  /** Enables the staff API when set. */
  staffToken: string | undefined;
  /** NODE_ENV=production. */
  production: boolean;
  /**
   * Load demo data on an empty store: DEMO=1 yes, DEMO=0 no; unset, yes unless production (the
   * demo patrons' passwords are published, so a production store never gets them by default).
   */
  demo: boolean;
  /** TRUST_PROXY: the reverse proxies whose X-Forwarded-For / -Proto are believed (default none). */
  trustProxy: TrustedProxies;
  redisUrl: string | undefined;
  smtpUrl: string | undefined;
  /** KIOSK=1: every page is kiosk mode. */
  kiosk: boolean;
}

export type Env = Record<string, string | undefined>;

const nonEmpty = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);

export function readConfig(env: Env = process.env): ServerConfig {
  const port = Number(env['PORT'] ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT: not a port number: ${env['PORT']}`);
  const libraryNow = nonEmpty(env['LIBRARY_NOW']);
  if (libraryNow !== undefined && Number.isNaN(Date.parse(libraryNow))) {
    throw new Error(`LIBRARY_NOW: not an ISO instant: ${libraryNow}`);
  }
  const production = env['NODE_ENV'] === 'production';
  const demo = nonEmpty(env['DEMO']);
  if (demo !== undefined && demo !== '0' && demo !== '1') throw new Error(`DEMO: expected 0 or 1: ${demo}`);
  return {
    port,
    host: nonEmpty(env['HOST']) ?? '127.0.0.1',
    dataDir: nonEmpty(env['DATA_DIR']) ?? './data',
    libraryConfigPath: nonEmpty(env['LIBRARY_CONFIG']),
    libraryNow,
    staffToken: nonEmpty(env['STAFF_TOKEN']),
    production,
    demo: demo === undefined ? !production : demo === '1',
    trustProxy: parseTrustedProxies(env['TRUST_PROXY']),
    redisUrl: nonEmpty(env['REDIS_URL']),
    smtpUrl: nonEmpty(env['SMTP_URL']),
    kiosk: env['KIOSK'] === '1',
  };
}
