// Sandbox-safe: how requests started before one activity per step send their notices, one
// activity each (their histories replay this path).
import type { TimelineEntry } from '@parvis/engine/runtime';
import type { NotifyInput } from '../activities/notify.ts';
import { io } from './request-activities.ts';

/**
 * Sends what a step must tell people. A message a server refuses becomes an incident after a few
 * attempts (notifications/rejection.ts), and the request goes on.
 */
export async function sendNotifications(notices: NotifyInput[]): Promise<TimelineEntry[]> {
  const entries: TimelineEntry[] = [];
  for (const notification of notices) {
    try {
      const told = await io.notify(notification);
      const kind = notification.event === 'acknowledgement' ? 'acknowledged' : 'notified';
      if (told.recipients.length > 0) entries.push({ kind, payload: { event: notification.event, ...told } });
    } catch (error) {
      const message = (error as { cause?: { message?: string } }).cause?.message ?? String(error);
      entries.push({ kind: 'incident', payload: { what: 'notification', event: notification.event, message } });
    }
  }
  return entries;
}
