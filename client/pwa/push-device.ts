/**
 * This device's Web Push subscription ([docs/rules.md#reminders](../../docs/rules.md#reminders)): asking the browser, subscribing with the server's
 * VAPID key, and giving it up. The 通知設定 page takes it as a property, so a component test can
 * hand it a stand-in (a test browser has no push service).
 */
import type { NotificationLanguage } from '../../common/notifications.ts';
import type { Api } from '../data/api.ts';
import { deletePushSubscription, registerPushSubscription, vapidPublicKey } from '../data/notifications.ts';

export interface PushDevice {
  /** Whether this browser can receive push at all (a service worker, PushManager, Notification). */
  supported(): boolean;
  /** The server's id of this device's subscription, or null when it has none. */
  currentId(api: Api, lang: NotificationLanguage, deviceName: string): Promise<string | null>;
  /** Asks permission, subscribes and stores it; resolves to the server's id, or null when refused. */
  subscribe(api: Api, lang: NotificationLanguage, deviceName: string): Promise<string | null>;
  /** Stops push on this device (browser and server). */
  unsubscribe(api: Api, lang: NotificationLanguage, deviceName: string): Promise<void>;
}

function toRequest(sub: PushSubscription, lang: NotificationLanguage, deviceName: string) {
  const json = sub.toJSON();
  return { endpoint: sub.endpoint, keys: { p256dh: json.keys?.['p256dh'] ?? '', auth: json.keys?.['auth'] ?? '' }, deviceName, lang };
}

async function existing(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.ready;
  return registration.pushManager.getSubscription();
}

export const browserPushDevice: PushDevice = {
  supported: () => 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window,
  async currentId(api, lang, deviceName) {
    const sub = await existing();
    // Sending it again is how the device learns its id (the same endpoint keeps its id, and its language is refreshed).
    return sub ? registerPushSubscription(api, toRequest(sub, lang, deviceName)) : null;
  },
  async subscribe(api, lang, deviceName) {
    if ((await Notification.requestPermission()) !== 'granted') return null;
    const registration = await navigator.serviceWorker.ready;
    // PushManager takes the base64url key as it is.
    const key = await vapidPublicKey(api);
    const sub = (await registration.pushManager.getSubscription()) ?? (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }));
    return registerPushSubscription(api, toRequest(sub, lang, deviceName));
  },
  async unsubscribe(api, lang, deviceName) {
    const sub = await existing();
    if (!sub) return;
    const id = await registerPushSubscription(api, toRequest(sub, lang, deviceName));
    await deletePushSubscription(api, id);
    await sub.unsubscribe();
  },
};

/** A short name for this device, from what the browser says of itself (e.g. 「Android の Chrome」). */
export function thisDeviceName(): string {
  const ua = navigator.userAgent;
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : '';
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : '';
  return [browser, os].filter(Boolean).join(' / ') || 'Browser';
}
