// The Parvis settings an analyst sets on a procedure and its steps, as zeebe:property names.

/** The channels the procedure can be opened to: the engine's list, which submission checks against. */
export { CHANNELS } from '@parvis/engine';

export const NOTIFICATION_EVENTS = [
  'acknowledgement',
  'taskOpened',
  'slaReminder',
  'slaBreached',
  'implicitDecision',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** zeebe:property holding a notification text: `texts.<event>.<lang>.<subject|body>`. */
export const textProperty = (event: NotificationEvent, lang: 'fr' | 'en', part: 'subject' | 'body') =>
  `texts.${event}.${lang}.${part}`;
