import { CHANNELS } from '@parvis/engine/channels';

/** Every channel a request can come by, for the lists' filters and labels: the engine's one list. */
export { CHANNELS };

/** Whether the portal names this channel (its `channel.<name>` text exists). */
export const isChannel = (name: string | null | undefined): name is (typeof CHANNELS)[number] =>
  (CHANNELS as readonly string[]).includes(name ?? '');
