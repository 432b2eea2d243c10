/**
 * Reminders (SPEC §11): the 通知設定 page's and お知らせ page's API calls. Components never call fetch.
 */
import type { CalendarFeedCreated, Notice, NoticesResponse, NotificationSettings, NotificationSettingsUpdate, PushSubscriptionRequest } from '../../common/notifications.ts';
import { OFFLINE_HEADER } from '../../common/offline.ts';
import { api } from './api.ts';

export async function fetchNotificationSettings(): Promise<NotificationSettings> {
  return (await api<NotificationSettings>('/api/notifications/settings')).data;
}

export async function saveNotificationSettings(update: NotificationSettingsUpdate): Promise<NotificationSettings> {
  return (await api<NotificationSettings>('/api/notifications/settings', { method: 'PUT', body: update })).data;
}

export async function sendTestNotification(): Promise<void> {
  await api<unknown>('/api/notifications/test', { method: 'POST' });
}

export async function vapidPublicKey(): Promise<string> {
  return (await api<{ key: string }>('/api/push/vapid-public-key')).data.key;
}

/** Stores this device's subscription (again: same id). */
export async function registerPushSubscription(body: PushSubscriptionRequest): Promise<string> {
  return (await api<{ id: string }>('/api/push/subscriptions', { method: 'POST', body })).data.id;
}

export async function deletePushSubscription(id: string): Promise<void> {
  await api<unknown>(`/api/push/subscriptions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export async function createCalendarFeed(): Promise<string> {
  return (await api<CalendarFeedCreated>('/api/calendar-feed', { method: 'POST' })).data.url;
}

export async function deleteCalendarFeed(): Promise<void> {
  await api<unknown>('/api/calendar-feed', { method: 'DELETE' });
}

/** お知らせ; `offlineAsOf` is set when the service worker answered from the device's copy. */
export async function fetchNotices(): Promise<{ notices: Notice[]; offlineAsOf: string | null }> {
  const { data, headers } = await api<NoticesResponse>('/api/notices');
  return { notices: data.notices, offlineAsOf: headers.get(OFFLINE_HEADER) };
}
