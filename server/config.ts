/** Environment settings ([README](../README.md), [docs/rules.md#behind-a-proxy](../docs/rules.md#behind-a-proxy)), read once at start; a bad value stops the start with its name. */
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
  /** Web Push ([docs/rules.md#reminders](../docs/rules.md#reminders)): VAPID keys and subject; without keys, a pair is generated once into the store. */
  vapid: { publicKey: string; privateKey: string } | undefined;
  vapidSubject: string;
  /** PUSH_ALLOW_HTTP_LOOPBACK=1 (tests only): `http://127.0.0.1` push endpoints are accepted. */
  pushAllowHttpLoopback: boolean;
  /** PUSH_TIMEOUT_MS: how long one push service may take to answer (default 10 s). */
  pushTimeoutMs: number;
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
    vapid: readVapidKeys(env),
    vapidSubject: readVapidSubject(env),
    pushAllowHttpLoopback: env['PUSH_ALLOW_HTTP_LOOPBACK'] === '1',
    pushTimeoutMs: readPositiveInt(env, 'PUSH_TIMEOUT_MS', 10_000),
  };
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY: both (base64url P-256 keys, 65 and 32 bytes) or neither. */
function readVapidKeys(env: Env): ServerConfig['vapid'] {
  const publicKey = nonEmpty(env['VAPID_PUBLIC_KEY']);
  const privateKey = nonEmpty(env['VAPID_PRIVATE_KEY']);
  if (publicKey === undefined && privateKey === undefined) return undefined;
  if (publicKey === undefined || privateKey === undefined) throw new Error('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY: set both or neither');
  const bytes = (k: string) => (BASE64URL.test(k) ? Buffer.from(k, 'base64url').length : -1);
  if (bytes(publicKey) !== 65) throw new Error('VAPID_PUBLIC_KEY: expected a base64url P-256 public key (65 bytes)');
  if (bytes(privateKey) !== 32) throw new Error('VAPID_PRIVATE_KEY: expected a base64url P-256 private key (32 bytes)');
  return { publicKey, privateKey };
}

/** VAPID_SUBJECT: a `mailto:` or `https:` contact for push services (default: the library's no-reply address). */
function readVapidSubject(env: Env): string {
  const subject = nonEmpty(env['VAPID_SUBJECT']) ?? 'mailto:no-reply@library.koganei.invalid';
  if (!/^(mailto:\S+@\S+|https:\/\/\S+)$/.test(subject)) throw new Error(`VAPID_SUBJECT: expected a mailto: or https: URL: ${subject}`);
  return subject;
}

function readPositiveInt(env: Env, name: string, fallback: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name}: expected a positive whole number: ${raw}`);
  return n;
}
