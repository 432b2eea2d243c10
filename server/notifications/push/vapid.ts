/**
 * The server's VAPID key pair (RFC 8292): from VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY, else generated
 * once and kept in the store (`sys:vapid`: the SQLite file under DATA_DIR, or Redis — so several
 * instances on one Redis sign with the same key, which every browser subscription is bound to).
 * The first instance to start commits its pair; any other one adopts it.
 */
import webpush from 'web-push';
import { notificationKeys, type VapidKeys } from '../../domain/records.ts';
import type { Store } from '../../storage/store.ts';

export async function loadVapidKeys(store: Store, fromEnv: VapidKeys | undefined): Promise<VapidKeys> {
  if (fromEnv) return fromEnv;
  return store.transaction(async (tx) => {
    const stored = await tx.get<VapidKeys>(notificationKeys.vapid());
    if (stored) return stored;
    const made = webpush.generateVAPIDKeys();
    const keys: VapidKeys = { publicKey: made.publicKey, privateKey: made.privateKey };
    tx.set(notificationKeys.vapid(), keys);
    return keys;
  });
}
