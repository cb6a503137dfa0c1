// The Parvis settings an analyst sets on a procedure and its steps, as zeebe:property names.

import type { NotificationEvent } from '@parvis/engine';

/** The channels the procedure can be opened to: the engine's list, which submission checks against. */
/** The events whose texts a procedure may word its own way: the engine's list, which publishing checks against. */
export { CHANNELS, NOTIFICATION_EVENTS } from '@parvis/engine';

/** zeebe:property holding a notification text: `texts.<event>.<lang>.<subject|body>`. */
export const textProperty = (event: NotificationEvent, lang: 'fr' | 'en', part: 'subject' | 'body') =>
  `texts.${event}.${lang}.${part}`;
