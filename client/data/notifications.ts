/**
 * Reminders ([docs/rules.md#reminders](../../docs/rules.md#reminders)): the 通知設定 page's and お知らせ
 * page's API calls, on the app's API client (`api`, from the services context). Components never call fetch.
 */
import type { CalendarFeedCreated, Notice, NoticesResponse, NotificationSettings, NotificationSettingsUpdate, PushSubscriptionRequest } from '../../common/notifications.ts';
import { OFFLINE_HEADER } from '../../common/offline.ts';
import type { Api } from './api.ts';

export async function fetchNotificationSettings(api: Api, signal?: AbortSignal): Promise<NotificationSettings> {
  return (await api<NotificationSettings>('/api/notifications/settings', signal ? { signal } : {})).data;
}

export async function saveNotificationSettings(api: Api, update: NotificationSettingsUpdate): Promise<NotificationSettings> {
  return (await api<NotificationSettings>('/api/notifications/settings', { method: 'PUT', body: update })).data;
}

export async function sendTestNotification(api: Api): Promise<void> {
  await api<unknown>('/api/notifications/test', { method: 'POST' });
}

export async function vapidPublicKey(api: Api): Promise<string> {
  return (await api<{ key: string }>('/api/push/vapid-public-key')).data.key;
}

/** Stores this device's subscription (again: same id). */
export async function registerPushSubscription(api: Api, body: PushSubscriptionRequest): Promise<string> {
  return (await api<{ id: string }>('/api/push/subscriptions', { method: 'POST', body })).data.id;
}

export async function deletePushSubscription(api: Api, id: string): Promise<void> {
  await api<unknown>(`/api/push/subscriptions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export async function createCalendarFeed(api: Api): Promise<string> {
  return (await api<CalendarFeedCreated>('/api/calendar-feed', { method: 'POST' })).data.url;
}

export async function deleteCalendarFeed(api: Api): Promise<void> {
  await api<unknown>('/api/calendar-feed', { method: 'DELETE' });
}

/** お知らせ; `offlineAsOf` is set when the service worker answered from the device's copy. */
export async function fetchNotices(api: Api, signal?: AbortSignal): Promise<{ notices: Notice[]; offlineAsOf: string | null }> {
  const { data, headers } = await api<NoticesResponse>('/api/notices', signal ? { signal } : {});
  return { notices: data.notices, offlineAsOf: headers.get(OFFLINE_HEADER) };
}
