/** Every channel a request can come by (the engine's CHANNELS), for the lists' filters and labels. */
export const CHANNELS = ['web', 'open311', 'counter', 'phone', 'post', 'fax', 'email', 'sms'] as const;

/** Whether the portal names this channel (its `channel.<name>` text exists). */
export const isChannel = (name: string | null | undefined): name is (typeof CHANNELS)[number] =>
  (CHANNELS as readonly string[]).includes(name ?? '');
