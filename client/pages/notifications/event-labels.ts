/** The 通知設定 page's name for each event ([docs/rules.md#reminders](../../../docs/rules.md#reminders)), in the page's language. */
import { msg } from '@lit/localize';
import type { NotificationEvent } from '../../../common/notifications.ts';

export function eventLabel(event: NotificationEvent): string {
  switch (event) {
    case 'due_soon': return msg('返却期限日が近づいたとき', { id: 'notifications.event.due_soon' });
    case 'renewable_now': return msg('延長できるようになったとき', { id: 'notifications.event.renewable_now' });
    case 'renewal_blocked': return msg('予約が入って延長できなくなったとき', { id: 'notifications.event.renewal_blocked' });
    case 'hold_ready': return msg('予約資料が準備できたとき', { id: 'notifications.event.hold_ready' });
    case 'pickup_tomorrow': return msg('取置期限日の前日', { id: 'notifications.event.pickup_tomorrow' });
    case 'hold_expired': return msg('予約が期限を過ぎて取り消されたとき', { id: 'notifications.event.hold_expired' });
    case 'overdue': return msg('返却期限日を過ぎたとき', { id: 'notifications.event.overdue' });
    case 'auto_renewed': return msg('自動延長したとき', { id: 'notifications.event.auto_renewed' });
    default: return msg('自動延長できなかったとき', { id: 'notifications.event.auto_renewal_refused' });
  }
}
