/**
 * Everything a handler needs, created once per server (and once per test): settings, policy,
 * clock, store, catalogue index, log. Handlers receive it; nothing reads globals.
 */
import { readConfig, type Env, type ServerConfig } from './config.ts';
import { loadPolicy } from './policy/load-policy.ts';
import type { Policy } from './policy/policy.ts';
import { createClock, type LibraryClock } from './clock.ts';
import { openStorage } from './storage/open-storage.ts';
import { createStore, type Store } from './storage/store.ts';
import { openCatalogIndex } from './catalog/open-catalog-index.ts';
import type { CatalogIndex } from './catalog/catalog-index.ts';
import type { Mailer } from './mail/mailer.ts';
import { createAppMailer } from './mail/app-mailer.ts';
import { createNotifications, type Notifications } from './notifications/service.ts';
import { closeSessionActivity } from './auth/sessions.ts';
import { upgradeFromV1 } from './storage/upgrade-from-v1.ts';
import { consoleLog, type Log } from './log.ts';

export interface AppContext {
  config: ServerConfig;
  policy: Policy;
  clock: LibraryClock;
  store: Store;
  catalog: CatalogIndex;
  log: Log;
  /** Outgoing mail: `ctx.mailer.send({to, subject, text})` (SMTP_URL, else the outbox under DATA_DIR). */
  mailer: Mailer;
  /** Reminders and Web Push: VAPID keys, the push sender, background sends (notifications/service.ts). */
  notifications: Notifications;
}

/** Reads the environment, validates the policy (throws PolicyError naming the field), opens storage. */
export async function createContext(env: Env = process.env, log: Log = consoleLog): Promise<AppContext> {
  const config = readConfig(env);
  const policy = loadPolicy(config.libraryConfigPath);
  const clock = createClock({ startAt: config.libraryNow, timeZone: policy.timeZone });
  const storage = await openStorage({ dataDir: config.dataDir, redisUrl: config.redisUrl });
  const store = await createStore(storage, { warn: (m) => log.warn(m) });
  await upgradeFromV1(store, log);
  const catalog = await openCatalogIndex({ dataDir: config.dataDir, store, log });
  const mailer = createAppMailer(config, env, clock, log);
  const notifications = createNotifications(config, store);
  return { config, policy, clock, store, catalog, log, mailer, notifications };
}

/** Lets sends finish, writes what is still in memory (session activity), then closes the index and the store. */
export async function closeContext(ctx: AppContext): Promise<void> {
  // Sends still on their way finish before the store closes (their claims are already committed).
  await ctx.notifications.close();
  await closeSessionActivity(ctx);
  ctx.catalog.close();
  await ctx.store.close();
}
