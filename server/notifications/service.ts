/**
 * The notification machinery one server instance holds (AppContext `notifications`): the VAPID
 * keys (loaded once), the push sender, a bound on concurrent sends shared by every caller, and the
 * background sends in flight (awaited when the context closes, so a test or a shutdown never cuts
 * one off halfway).
 */
import { randomBytes } from 'node:crypto';
import type { ServerConfig } from '../config.ts';
import type { VapidKeys } from '../domain/records.ts';
import type { Store } from '../storage/store.ts';
import type { PushSender } from './push/send-push.ts';
import { loadVapidKeys } from './push/vapid.ts';

/** Push requests in flight at once, across every patron and pass of this instance. */
export const PUSH_CONCURRENCY = 8;

export interface Notifications {
  /** Names this instance in claims (for the log: which instance sent what). */
  readonly instanceId: string;
  vapidKeys(): Promise<VapidKeys>;
  pushSender(): Promise<PushSender>;
  /** Runs `send` when fewer than PUSH_CONCURRENCY sends are running. */
  limit<T>(send: () => Promise<T>): Promise<T>;
  /** Keeps a background task (a send after an answer) so close() waits for it. */
  track(task: Promise<unknown>): void;
  close(): Promise<void>;
}

export function createNotifications(config: Pick<ServerConfig, 'vapid' | 'vapidSubject' | 'pushAllowHttpLoopback' | 'pushTimeoutMs'>, store: Store): Notifications {
  let keys: Promise<VapidKeys> | null = null;
  const running = new Set<Promise<unknown>>();
  let active = 0;
  const waiting: (() => void)[] = [];

  const vapidKeys = () => {
    keys ??= loadVapidKeys(store, config.vapid).catch((error: unknown) => {
      keys = null;
      throw error;
    });
    return keys;
  };

  return {
    instanceId: randomBytes(6).toString('base64url'),
    vapidKeys,
    async pushSender() {
      return { vapid: await vapidKeys(), subject: config.vapidSubject, allowHttpLoopback: config.pushAllowHttpLoopback, timeoutMs: config.pushTimeoutMs };
    },
    async limit<T>(send: () => Promise<T>): Promise<T> {
      // A finishing send hands its slot straight to the next in line, so the bound is never passed.
      if (active >= PUSH_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
      else active += 1;
      try {
        return await send();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else active -= 1;
      }
    },
    track(task) {
      const tracked = task.catch(() => undefined).finally(() => running.delete(tracked));
      running.add(tracked);
    },
    async close() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
