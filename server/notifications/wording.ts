/** The server's notification wording by language (kids' Japanese is the page's and the SW's). */
import type { NotificationLanguage } from '../../common/notifications.ts';
import type { NotificationWording } from '../../common/wording/notification-wording.ts';
import { notificationsEn } from '../../common/wording/notifications-en.ts';
import { notificationsJa } from '../../common/wording/notifications-ja.ts';

/** ja-kids devices get the Japanese texts; their service worker words them again for kids. */
export function wordingFor(lang: NotificationLanguage): NotificationWording {
  return lang === 'en' ? notificationsEn : notificationsJa;
}

/** `en…` first in Accept-Language → en, else ja: the one choice errors and notifications share. */
export { wordingLanguage as languageOf } from '../../common/wording/index.ts';
